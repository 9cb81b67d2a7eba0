import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { disableVendorTelemetry } from '@gnbv/platform';

/*
 * `node gateway-apollo.js <supergraph file> <port>`: stock @apollo/gateway with its default
 * options (default fetcher, no plugins) behind Apollo Server's standalone HTTP server, on the
 * supergraph bench:gateways wrote with the benchmark's subgraph URLs. A comparison point only:
 * it sends no identity, so the subgraphs must run in benchmark mode.
 */

async function main() {
  const [file, port] = process.argv.slice(2);
  if (!file || !port) throw new Error('usage: gateway-apollo <supergraph file> <port>');
  // Stock options otherwise, but nothing leaves this machine: no vendor telemetry in a benchmark either.
  disableVendorTelemetry();
  const gateway = new ApolloGateway({ supergraphSdl: readFileSync(file, 'utf8') });
  const server = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(server, { listen: { port: Number(port), host: '127.0.0.1' } });
  process.stderr.write(`stock @apollo/gateway listening at ${url}\n`);
  process.once('SIGTERM', () => void server.stop().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  process.stderr.write(`gateway-apollo failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
