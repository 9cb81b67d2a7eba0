import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway';

/*
 * `node gateway-hive.js <supergraph file> <port>`: Hive Gateway (@graphql-hive/gateway 2.15) in
 * its default configuration, run through `createGatewayRuntime` on a plain node:http server
 * (its CLI forks workers, which would hide the process's CPU and memory). Its defaults include
 * merging identical in-flight subgraph requests. A comparison point only: it sends no identity,
 * so the subgraphs must run in benchmark mode.
 */

const [file, port] = process.argv.slice(2);
if (!file || !port) {
  process.stderr.write('usage: gateway-hive <supergraph file> <port>\n');
  process.exit(2);
}
const runtime = createGatewayRuntime({ supergraph: readFileSync(file, 'utf8') });
const server = createServer(runtime);
server.listen(Number(port), '127.0.0.1', () => process.stderr.write(`Hive Gateway listening on 127.0.0.1:${port}\n`));
process.once('SIGTERM', () => {
  server.close();
  void Promise.resolve(runtime.dispose()).then(() => process.exit(0));
});
