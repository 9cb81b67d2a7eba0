import { createPublicKey } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import {
  ErrorCode,
  HttpError,
  PURPOSES,
  readPrivateKey,
  readBody,
  sendJson,
  signDevToken,
  type Agency,
  type Purpose,
  type Role,
  type Route,
} from '@gnbv/platform';
import type { ConsoleConfig } from './config';

/**
 * The console's Content-Security-Policy. Scripts only from the gateway itself (no inline script,
 * no eval: GraphiQL 5's Monaco editor and its workers run without it, checked in the browser
 * test); workers are Vite-emitted files of the same origin. Styles need 'unsafe-inline': Monaco
 * injects <style> elements and Chart.js sets style attributes on its canvases. Nothing is framed,
 * nothing is loaded from elsewhere (the console must work with no internet).
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': CONSOLE_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** Paths the console never answers: they belong to GraphQL, health checks and the console API. */
const NOT_CONSOLE = /^\/(graphql|health|ready)(\/|$)/;

/** A demo identity the development console can sign in as. */
export interface DemoRole {
  id: string;
  label: { vi: string; en: string };
  agency: Agency;
  roles: Role[];
  scope: string[];
  /** A purpose the token is bound to (service accounts). */
  purpose?: Purpose;
}

/** The demo roles, over the demo data (province 11, commune 03160). Development only. */
export const DEMO_ROLES: readonly DemoRole[] = [
  {
    id: 'labor-commune-03160',
    label: { vi: 'Cán bộ Lao động xã 03160', en: 'Labour officer, commune 03160' },
    agency: 'labor',
    roles: ['officer'],
    scope: ['03160'],
  },
  {
    id: 'labor-province-11',
    label: { vi: 'Cán bộ Lao động tỉnh 11', en: 'Labour officer, province 11' },
    agency: 'labor',
    roles: ['officer'],
    scope: ['11'],
  },
  {
    id: 'agriculture-province-11',
    label: { vi: 'Cán bộ Nông nghiệp tỉnh 11', en: 'Agriculture officer, province 11' },
    agency: 'agriculture',
    roles: ['officer'],
    scope: ['11'],
  },
  {
    id: 'bank-officer-11',
    label: { vi: 'Cán bộ NHCSXH tỉnh 11', en: 'Social Policy Bank officer, province 11' },
    agency: 'social-policy-bank',
    roles: ['officer'],
    scope: ['11'],
  },
  {
    id: 'bank-service',
    label: { vi: 'Hệ thống NHCSXH (dịch vụ)', en: 'Social Policy Bank system (service)' },
    agency: 'social-policy-bank',
    roles: ['service'],
    scope: ['VN'],
    purpose: 'loan-eligibility',
  },
  {
    id: 'steering-analyst',
    label: { vi: 'Chuyên viên phân tích, Ban Chỉ đạo', en: 'Steering committee analyst' },
    agency: 'steering-committee',
    roles: ['analyst'],
    scope: ['VN'],
  },
];

/**
 * The demo roles for the agencies the platform knows (the supergraph's subgraphs and the steering
 * committee): the hand-written ones above whose agency is known, then a province-11 officer of each
 * known agency that has none, so a new agency can be tried in the console without an edit here.
 * Without `agencies`, the hand-written list.
 */
export function demoRolesFor(agencies?: readonly Agency[]): DemoRole[] {
  if (!agencies) return [...DEMO_ROLES];
  const listed = DEMO_ROLES.filter((r) => agencies.includes(r.agency));
  const generic = agencies
    .filter((agency) => !listed.some((r) => r.agency === agency))
    .map((agency): DemoRole => ({
      id: `${agency}-province-11`,
      label: { vi: `Cán bộ ${agency} tỉnh 11`, en: `${agency} officer, province 11` },
      agency,
      roles: ['officer'],
      scope: ['11'],
    }));
  return [...listed, ...generic];
}

/** Signs a development token for a demo role with the development issuer's key. */
function demoTokenSigner(keyFile: string, ttlSeconds: number) {
  const privateKey = readPrivateKey(keyFile);
  const keys = { privateKey, publicKey: createPublicKey(privateKey) };
  return async (role: DemoRole) => {
    const token = await signDevToken(
      {
        agency: role.agency,
        roles: role.roles,
        scope: role.scope,
        subject: `demo-${role.id}`,
        ttlSeconds,
        ...(role.purpose ? { purpose: role.purpose } : {}),
      },
      keys,
    );
    return { token, expiresAt: new Date(Date.now() + ttlSeconds * 1000).toISOString() };
  };
}

async function readJson(req: IncomingMessage, limit = 1024): Promise<unknown> {
  if (!/^application\/json/i.test(String(req.headers['content-type'] ?? '')))
    throw new HttpError(415, ErrorCode.BAD_USER_INPUT, 'Send the demo role as JSON (content-type: application/json).');
  const text = await readBody(req, limit);
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, ErrorCode.BAD_REQUEST, 'The request body is not valid JSON.');
  }
}

/**
 * The file under `dir` a URL path names, or undefined: decoded once, no `..` segments, no NUL,
 * no dot-files, and the resolved path must stay inside `dir`.
 */
export function resolveStaticPath(dir: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/').filter(Boolean);
  if (segments.some((s) => s === '..' || s === '.' || s.startsWith('.'))) return undefined;
  const root = resolve(dir);
  const file = resolve(root, ...segments);
  return file.startsWith(root + sep) ? file : undefined;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

const NOT_BUILT = (dir: string) =>
  `The GNBV console has not been built (no ${dir}/index.html).\n\n` +
  'Run `npm run build` at the repository root (or `npm run build -w @gnbv/console`), then reload.\n' +
  'GraphQL itself is served at /graphql.\n';

function sendFile(req: IncomingMessage, res: ServerResponse, file: string, size: number, headers: Record<string, string>) {
  res.writeHead(200, { 'content-length': String(size), ...headers });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  // pipeline, not pipe: a file removed between stat and read (a redeploy of dist/) must end
  // this response, not crash the gateway with an unhandled stream error.
  pipeline(createReadStream(file), res, () => undefined);
}

export interface ConsoleRoutesOptions {
  nodeEnv: 'development' | 'test' | 'production';
  /** The agencies the platform knows, for the demo roles (see `demoRolesFor`). */
  agencies?: readonly Agency[];
}

/**
 * The console's routes: its static files at `/` (the SPA's index.html for page paths such as
 * `/explorer`), `/console/settings` (what the page may offer), and in development the demo
 * roles (`GET /console/demo-roles`, `POST /console/demo-roles/token {"role": id}`).
 */
export async function consoleRoutes(config: ConsoleConfig, options: ConsoleRoutesOptions): Promise<Route[]> {
  if (config.demoRoles && options.nodeEnv === 'production') throw new Error('demo roles are refused in production');
  const sign = config.demoRoles ? demoTokenSigner(config.demoRoles.issuerPrivateKeyFile, config.demoRoles.ttlSeconds) : undefined;
  const demoRoles = demoRolesFor(options.agencies);
  const root = resolve(config.dir);
  const index = resolve(root, 'index.html');
  const settings = {
    explorer: config.explorer,
    demoRoles: !!sign,
    purposes: PURPOSES,
    production: options.nodeEnv === 'production',
  };

  const api: Route = async (req, res, url) => {
    if (!url.pathname.startsWith('/console/')) return false;
    if (url.pathname === '/console/settings' && req.method === 'GET') {
      sendJson(res, 200, settings);
      return true;
    }
    if (!sign) return false;
    if (url.pathname === '/console/demo-roles' && req.method === 'GET') {
      sendJson(res, 200, {
        roles: demoRoles.map(({ id, label, agency, roles, scope, purpose }) => ({ id, label, agency, roles, scope, purpose })),
      });
      return true;
    }
    if (url.pathname === '/console/demo-roles/token' && req.method === 'POST') {
      const body = (await readJson(req)) as { role?: unknown } | null;
      const role = demoRoles.find((r) => r.id === body?.role);
      if (!role)
        throw new HttpError(400, ErrorCode.BAD_USER_INPUT, `role: expected one of ${demoRoles.map((r) => r.id).join(', ')}.`);
      sendJson(res, 200, { role: role.id, ...(await sign(role)) });
      return true;
    }
    return false;
  };

  const page = async (req: IncomingMessage, res: ServerResponse) => {
    if (!(await isFile(index))) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...SECURITY_HEADERS });
      res.end(req.method === 'HEAD' ? undefined : NOT_BUILT(root));
      return;
    }
    const { size } = await stat(index);
    sendFile(req, res, index, size, {
      'content-type': CONTENT_TYPES['.html'] as string,
      'cache-control': 'no-store',
      ...SECURITY_HEADERS,
    });
  };

  const statics: Route = async (req, res, url) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (NOT_CONSOLE.test(url.pathname) || url.pathname.startsWith('/console/')) return false;
    if (url.pathname === '/explorer' || url.pathname.startsWith('/explorer/')) {
      if (!config.explorer) return false;
      await page(req, res);
      return true;
    }
    if (url.pathname === '/' || url.pathname === '/index.html') {
      await page(req, res);
      return true;
    }
    const type = CONTENT_TYPES[extname(url.pathname).toLowerCase()];
    if (type) {
      const file = resolveStaticPath(root, url.pathname);
      if (!file || file === index || !(await isFile(file))) return false;
      const { size } = await stat(file);
      // Vite names every file under assets/ by its content hash: it never changes, cache it for a year.
      const hashed = url.pathname.startsWith('/assets/');
      sendFile(req, res, file, size, {
        'content-type': type,
        'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
        ...SECURITY_HEADERS,
      });
      return true;
    }
    // A page path of the console (no file extension, asked for by a browser): the app routes it.
    if (!extname(url.pathname) && String(req.headers.accept ?? '').includes('text/html')) {
      await page(req, res);
      return true;
    }
    return false;
  };

  return [api, statics];
}
