import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { ensureDevKeys, HttpError, loadJose, type Route } from '@gnbv/platform';
import { consoleRoutes, DEMO_ROLES, demoRolesFor, resolveStaticPath } from './console';

describe('resolveStaticPath', () => {
  const dir = '/srv/console';
  it('keeps paths inside the console directory', () => {
    expect(resolveStaticPath(dir, '/assets/index-abc.js')).toBe('/srv/console/assets/index-abc.js');
    expect(resolveStaticPath(dir, '/assets/t%E1%BB%89nh.css')).toBe('/srv/console/assets/tỉnh.css');
  });
  it.each([
    '/../etc/passwd',
    '/assets/..%2f..%2fpackage.json',
    '/%2e%2e/x.js',
    '/a\\..\\b.js',
    '/x%00.js',
    '/.env',
    '/assets/.hidden.js',
    '/%E0%A4%A',
  ])('refuses %s', (path) => expect(resolveStaticPath(dir, path)).toBeUndefined());
});

describe('console routes', () => {
  let dir: string;
  let server: Server;
  let base: string;
  let keys: ReturnType<typeof ensureDevKeys>;

  const serve = async (routes: Route[]) => {
    server = createServer((req, res) => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://localhost');
        try {
          for (const route of routes) if (await route(req, res, url)) return;
          res.writeHead(404).end('not found');
        } catch (error) {
          // As the kit's handler does: an HttpError becomes its status.
          res.writeHead(error instanceof HttpError ? error.status : 500).end(String(error));
        }
      })();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await request(`${base}${path}`, { headers });
    return { status: res.statusCode, headers: res.headers, body: await res.body.text() };
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gnbv-console-'));
    keys = ensureDevKeys(join(dir, 'keys'));
  });
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers / with how to build the console when it has not been built', async () => {
    await serve(await consoleRoutes({ dir: join(dir, 'dist'), explorer: true }, { nodeEnv: 'development' }));
    const res = await get('/');
    expect(res.status).toBe(503);
    expect(res.body).toContain('npm run build');
  });

  it('serves files with their type, the app for page paths, and nothing for GraphQL or unknown files', async () => {
    mkdirSync(join(dir, 'dist', 'assets'), { recursive: true });
    writeFileSync(join(dir, 'dist', 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(dir, 'dist', 'assets', 'app-1a2b.js'), 'console.log(1)');
    writeFileSync(join(dir, 'dist', 'assets', 'app-1a2b.css'), 'body{}');
    await serve(await consoleRoutes({ dir: join(dir, 'dist'), explorer: false }, { nodeEnv: 'production' }));
    expect((await get('/assets/app-1a2b.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get('/assets/app-1a2b.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    const page = await get('/reports/11', { accept: 'text/html' });
    expect(page.body).toContain('<title>console</title>');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await get('/graphql', { accept: 'text/html' })).status).toBe(404);
    expect((await get('/assets/missing.js')).status).toBe(404);
    expect((await get('/explorer', { accept: 'text/html' })).status).toBe(404);
    expect((await get('/console/demo-roles')).status).toBe(404);
  });

  it('refuses to build demo-role routes in production', async () => {
    await expect(
      consoleRoutes(
        { dir, explorer: false, demoRoles: { issuerPrivateKeyFile: keys.issuerPrivate, ttlSeconds: 60 } },
        { nodeEnv: 'production' },
      ),
    ).rejects.toThrow(/refused in production/);
  });

  it('signs a short-lived development token for a listed demo role, and refuses an unknown one', async () => {
    await serve(
      await consoleRoutes(
        { dir, explorer: true, demoRoles: { issuerPrivateKeyFile: keys.issuerPrivate, ttlSeconds: 600 } },
        { nodeEnv: 'development' },
      ),
    );
    const list = JSON.parse((await get('/console/demo-roles')).body) as { roles: Array<{ id: string }> };
    expect(list.roles.map((r) => r.id)).toEqual(DEMO_ROLES.map((r) => r.id));
    const post = async (body: string, contentType = 'application/json') => {
      const res = await request(`${base}/console/demo-roles/token`, {
        method: 'POST',
        headers: { 'content-type': contentType },
        body,
      });
      return { status: res.statusCode, body: await res.body.text() };
    };
    const minted = await post(JSON.stringify({ role: 'steering-analyst' }));
    expect(minted.status).toBe(200);
    const { token } = JSON.parse(minted.body) as { token: string };
    const jose = await loadJose();
    const { readFileSync } = await import('node:fs');
    const key = await jose.importSPKI(readFileSync(keys.issuerPublic, 'utf8'), 'EdDSA');
    const { payload } = await jose.jwtVerify(token, key, { issuer: 'urn:gnbv:dev-issuer', audience: 'gnbv-gateway' });
    expect(payload).toMatchObject({ agency: 'steering-committee', roles: ['analyst'], scope: ['VN'], kind: 'person' });
    expect((payload.exp as number) - (payload.iat as number)).toBe(600);
    expect((await post(JSON.stringify({ role: 'root' }))).status).toBe(400);
    expect((await post('role=steering-analyst', 'application/x-www-form-urlencoded')).status).toBe(415);
  });
});

describe('demo roles follow the agencies the platform knows', () => {
  it('keeps the hand-written roles of known agencies and gives every other known agency a province officer', () => {
    const roles = demoRolesFor(['labor', 'health', 'steering-committee']);
    expect(roles.map((r) => r.id)).toEqual([
      'labor-commune-03160',
      'labor-province-11',
      'steering-analyst',
      'health-province-11',
    ]);
    expect(roles.at(-1)).toMatchObject({ agency: 'health', roles: ['officer'], scope: ['11'] });
    expect(demoRolesFor().map((r) => r.id)).toEqual(DEMO_ROLES.map((r) => r.id));
  });
});
