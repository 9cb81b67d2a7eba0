import { readFileSync } from 'node:fs';
import { createGateway, loadConfig, supergraphSubgraphs } from '@gnbv/gateway';
import { processEnv, type Principal } from '@gnbv/platform';
import { SUPERGRAPH_FILE } from '../paths';

/*
 * `node gateway-ours-open.js <port>`: our gateway with its own checks off
 * (`benchmarkWithoutSecurity`: no token verification, no operation limits, no signed identity
 * to the subgraphs), everything else as configured by the environment (subgraph URLs, fetcher,
 * timeouts). It prices the gateway's checks; the subgraphs, in benchmark mode, still apply theirs
 * to their fixed principal. Refused in production by the gateway itself.
 */

/** The gateway's context needs a principal; with its checks off nothing of it reaches a subgraph. */
const UNCHECKED: Principal = { subject: 'bench-unchecked', agency: 'labor', roles: ['officer'], kind: 'person', scope: ['VN'] };

async function main() {
  const [port] = process.argv.slice(2);
  if (!port) throw new Error('usage: gateway-ours-open <port>');
  const names = supergraphSubgraphs(readFileSync(SUPERGRAPH_FILE, 'utf8')).map((s) => s.name);
  const server = await createGateway(loadConfig(names, { ...processEnv(), GATEWAY_PORT: port }), undefined, {
    benchmarkWithoutSecurity: UNCHECKED,
  });
  process.once('SIGTERM', () => void server.stop().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  process.stderr.write(`gateway-ours-open failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
