import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * What the proxy does to the traffic between the gateway and one agency:
 * - `pass`: forwards both ways;
 * - `blackhole`: accepts and reads, never answers (a hung process, a dropped route);
 * - `reset`: answers every request with a TCP reset;
 * - `status`: answers every request itself with this HTTP status (and `Retry-After` if given);
 * - `latency`: forwards after a delay, each way;
 * - `lose-response`: forwards the request, then resets the connection instead of passing the answer
 *   on (the agency did the work; the gateway never hears of it).
 */
export type FaultMode =
  | { kind: 'pass' }
  | { kind: 'blackhole' }
  | { kind: 'reset' }
  | { kind: 'status'; status: number; retryAfterSeconds?: number; times?: number }
  | { kind: 'latency'; ms: number }
  | { kind: 'lose-response' };

/**
 * A TCP fault proxy for the tests (this kernel has no netem): real sockets on loopback, so the
 * gateway sees what it would see of a real fault. It counts the HTTP requests that reached it
 * (`requests`) and those it let through to the agency (`forwarded`).
 */
export async function startFaultProxy(target: URL) {
  let mode: FaultMode = { kind: 'pass' };
  let requests = 0;
  let forwarded = 0;
  const sockets = new Set<Socket>();
  const STATUS_TEXT: Record<number, string> = {
    429: 'Too Many Requests',
    500: 'Internal Server Error',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
  };

  const server: Server = createServer((client) => {
    sockets.add(client);
    let upstream: Socket | undefined;
    const open = () => {
      if (upstream) return upstream;
      upstream = connect(Number(target.port), target.hostname);
      sockets.add(upstream);
      upstream.on('data', (chunk) => {
        const m = mode;
        if (m.kind === 'blackhole') return;
        if (m.kind === 'lose-response') {
          client.resetAndDestroy();
          return;
        }
        if (m.kind === 'latency') setTimeout(() => client.write(chunk), m.ms);
        else client.write(chunk);
      });
      upstream.on('error', () => client.destroy());
      upstream.on('close', () => client.end());
      return upstream;
    };
    client.on('data', (chunk) => {
      // A new request on this connection begins with its method (the gateway only POSTs).
      if (chunk.subarray(0, 5).toString('latin1') === 'POST ') requests++;
      const m = mode;
      if (m.kind === 'blackhole') return;
      if (m.kind === 'reset') {
        client.resetAndDestroy();
        return;
      }
      if (m.kind === 'status') {
        if (m.times !== undefined && m.times-- <= 0) mode = { kind: 'pass' };
        else {
          const headers = [
            `HTTP/1.1 ${m.status} ${STATUS_TEXT[m.status] ?? 'Error'}`,
            'content-type: application/json',
            'content-length: 2',
            'connection: close',
            ...(m.retryAfterSeconds !== undefined ? [`retry-after: ${m.retryAfterSeconds}`] : []),
          ];
          client.end(`${headers.join('\r\n')}\r\n\r\n{}`);
          return;
        }
      }
      if (chunk.subarray(0, 5).toString('latin1') === 'POST ') forwarded++;
      const up = open();
      if (mode.kind === 'latency') {
        const ms = mode.ms;
        setTimeout(() => up.write(chunk), ms);
      } else up.write(chunk);
    });
    client.on('error', () => upstream?.destroy());
    client.on('close', () => {
      sockets.delete(client);
      upstream?.destroy();
      if (upstream) sockets.delete(upstream);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${target.pathname}`,
    set(next: FaultMode) {
      mode = next;
    },
    counts: () => ({ requests, forwarded }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export type FaultProxy = Awaited<ReturnType<typeof startFaultProxy>>;
