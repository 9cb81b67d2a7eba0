import { request } from 'undici';
import { startEmbeddedDatabase, type SubgraphServer } from '@gnbv/kit';
import { envPrefix } from '@gnbv/platform';
import { TEST_TEMPLATE } from '@gnbv/kit/testing';
import { AGENCIES } from '@gnbv/ops';
import { startPlatform, type Platform } from './platform';

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform({ demo: false });
});
afterAll(() => platform?.stop());

const get = async (url: string, headers: Record<string, string> = {}) => {
  const res = await request(url, { headers });
  return { status: res.statusCode, body: await res.body.text(), type: res.headers['content-type'] };
};

describe('health and HTTP behaviour', () => {
  it('every service answers /health and, with its database migrated, /ready', async () => {
    for (const url of [platform.gatewayUrl, ...Object.values(platform.subgraphUrls)]) {
      expect((await get(url.replace('/graphql', '/health'))).status).toBe(200);
      const ready = await get(url.replace('/graphql', '/ready'));
      expect([url, ready.status]).toEqual([url, 200]);
    }
  });

  it('a subgraph whose migrations are not applied answers /ready with 503 and names them', async () => {
    const labor = AGENCIES[0];
    if (!labor) throw new Error('no subgraphs');
    const db = await startEmbeddedDatabase({ name: 'unmigrated', port: 0, templateFile: TEST_TEMPLATE });
    let server: SubgraphServer | undefined;
    try {
      const p = envPrefix(labor.name);
      server = await labor.createServer(
        labor.loadConfig({
          [`${p}_DATABASE_URL`]: db.url,
          [`${p}_PORT`]: '0',
          [`${p}_DATABASE_POOL_SIZE`]: '1',
          LOG_LEVEL: 'error',
          INTERNAL_TOKEN_PUBLIC_KEY_FILE: platform.env.INTERNAL_TOKEN_PUBLIC_KEY_FILE as string,
        }),
      );
      const ready = await get(`${server.listening.url}/ready`);
      expect(ready.status).toBe(503);
      expect(JSON.parse(ready.body).checks.migrations).toMatch(/pending: Registry/);
    } finally {
      await server?.stop();
      await db.stop();
    }
  });

  it('unknown paths get a coded 404', async () => {
    const res = await get(platform.gatewayUrl.replace('/graphql', '/admin'));
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body).errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('a request body over the limit gets 413 before anything runs', async () => {
    const res = await request(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ adminUnits { code } }`, padding: 'x'.repeat(200_000) }),
    });
    expect(res.statusCode).toBe(413);
    await res.body.dump();
  });

  it('a JSON array (batched operations) is refused', async () => {
    const token = await platform.token({ agency: 'labor', roles: ['officer'], scope: ['VN'] });
    const res = await request(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify([{ query: '{ adminUnits { code } }' }, { query: '{ adminUnits { code } }' }]),
    });
    expect(res.statusCode).toBe(400);
    await res.body.dump();
  });

  it('sends a browser that opens /graphql to the bundled explorer, and serves the console at / from its own assets', async () => {
    const res = await request(platform.gatewayUrl, { headers: { accept: 'text/html' } });
    expect([res.statusCode, res.headers.location]).toEqual([302, '/explorer']);
    await res.body.dump();
    const page = await get(platform.gatewayUrl.replace('/graphql', '/'), { accept: 'text/html' });
    if (page.status === 503) {
      expect(page.body).toContain('npm run build'); // the console has not been built in this checkout
      return;
    }
    expect(page.status).toBe(200);
    expect(page.type).toMatch(/^text\/html/);
    expect(page.body).toMatch(/<script[^>]+src="\/assets\/[^"]+\.js"/);
    expect(page.body).not.toMatch(/https?:\/\/(?!localhost)/);
  });
});
