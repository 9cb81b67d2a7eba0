import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { ErrorCode } from './errors';
import type { Logger } from './logger';

/** Result of a readiness probe: every check must be `ok` for the service to take traffic. */
export interface Readiness {
  ready: boolean;
  checks: Record<string, string>;
}

/** A route in front of GraphQL; returns true when it answered the request. */
export type Route = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> | boolean;

export interface GraphQLHttpOptions<C extends BaseContext> {
  apollo: ApolloServer<C>;
  logger: Logger;
  /** Largest request body accepted, in bytes; larger ones get 413. */
  maxBodyBytes: number;
  readiness: () => Promise<Readiness>;
  /**
   * Builds the per-request context before anything executes; may throw an HttpError (e.g. 401)
   * to refuse the request. `body` is the parsed POST body (undefined for GET).
   */
  context: (req: IncomingMessage, requestId: string, body: unknown) => Promise<C>;
  /** Routes tried before GraphQL (health routes always come first). */
  routes?: Route[];
  graphqlPath?: string;
}

/** An error that maps to a plain HTTP answer with a GraphQL-shaped JSON body. */
export class HttpError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: ErrorCode,
    message: string,
    public readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

function sendError(res: ServerResponse, error: HttpError, requestId: string) {
  sendJson(
    res,
    error.status,
    { errors: [{ message: error.message, extensions: { code: error.code, requestId } }] },
    { 'x-request-id': requestId, ...error.headers },
  );
}

const tooLarge = () => new HttpError(413, ErrorCode.PAYLOAD_TOO_LARGE, 'Request body is too large.');

/** Reads a request body as UTF-8, refusing with 413 as soon as it passes `limit` bytes (declared or sent). */
export async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(text: string, contentType: string): unknown {
  if (text === '') return undefined;
  if (/^application\/(graphql-response\+)?json/i.test(contentType)) {
    try {
      return JSON.parse(text);
    } catch {
      throw new HttpError(400, ErrorCode.BAD_REQUEST, 'The request body is not valid JSON.');
    }
  }
  return text;
}

/** Answers `/health` (alive) and `/ready` (dependencies usable, else 503). */
export function healthRoutes(readiness: () => Promise<Readiness>): Route {
  return async (req, res, url) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (url.pathname === '/health') {
      sendJson(res, 200, { status: 'ok' });
      return true;
    }
    if (url.pathname === '/ready') {
      const result = await readiness().catch((error: unknown): Readiness => ({
        ready: false,
        checks: { readiness: String(error) },
      }));
      sendJson(res, result.ready ? 200 : 503, { status: result.ready ? 'ready' : 'not-ready', checks: result.checks });
      return true;
    }
    return false;
  };
}

/** A request handler that serves health routes, extra routes and GraphQL through Apollo. */
export function graphqlHttpHandler<C extends BaseContext>(options: GraphQLHttpOptions<C>) {
  const path = options.graphqlPath ?? '/graphql';
  const routes = [healthRoutes(options.readiness), ...(options.routes ?? [])];
  return async (req: IncomingMessage, res: ServerResponse) => {
    const requestId = randomUUID();
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      for (const route of routes) if (await route(req, res, url)) return;
      if (url.pathname !== path) {
        throw new HttpError(404, ErrorCode.NOT_FOUND, `No such endpoint. GraphQL is served at ${path}.`);
      }
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      const body =
        req.method === 'POST'
          ? parseBody(await readBody(req, options.maxBodyBytes), headers.get('content-type') ?? '')
          : undefined;
      const context = await options.context(req, requestId, body);
      const response = await options.apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
        context: async () => context,
      });
      // A subgraph answers with the gateway's request id (from its token), so logs line up.
      const outHeaders: Record<string, string> = { 'x-request-id': (context as { requestId?: string }).requestId ?? requestId };
      for (const [key, value] of response.headers) outHeaders[key] = value;
      res.writeHead(response.status ?? 200, outHeaders);
      if (response.body.kind === 'complete') {
        res.end(response.body.string);
      } else {
        for await (const chunk of response.body.asyncIterator) res.write(chunk);
        res.end();
      }
    } catch (error) {
      if (error instanceof HttpError) {
        sendError(res, error, requestId);
        return;
      }
      options.logger.error('request failed', { requestId, error });
      if (!res.headersSent) {
        sendError(
          res,
          new HttpError(500, ErrorCode.INTERNAL_SERVER_ERROR, `Internal error. Quote request id ${requestId}.`),
          requestId,
        );
      } else {
        res.end();
      }
    }
  };
}

/** A listening HTTP server with the address it got (port 0 picks a free one). */
export interface Listening {
  server: Server;
  port: number;
  url: string;
  /**
   * Stops accepting connections and lets the requests in flight finish, for at most `drainTimeoutMs`
   * (0: cut them at once); idle keep-alive connections are closed as soon as they are idle.
   */
  close(drainTimeoutMs?: number): Promise<void>;
}

export async function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  port: number,
  host: string,
): Promise<Listening> {
  const server = createServer(handler);
  // Keep-alive from the gateway's pooled agent must outlive the gateway's idle timeout.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return {
    server,
    port: address.port,
    url: `http://${shownHost}:${address.port}`,
    close: (drainTimeoutMs = 0) =>
      new Promise<void>((resolve, reject) => {
        if (!server.listening) return resolve();
        server.close((error) => {
          clearInterval(idle);
          clearTimeout(cut);
          if (error) reject(error);
          else resolve();
        });
        // A connection whose request finished goes idle: close it then, so keep-alive clients do not hold the stop.
        const idle = setInterval(() => server.closeIdleConnections(), 50);
        const cut = setTimeout(() => server.closeAllConnections(), drainTimeoutMs);
        server.closeIdleConnections();
        if (drainTimeoutMs === 0) server.closeAllConnections();
      }),
  };
}
