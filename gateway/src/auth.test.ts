import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { devIssuerKeys, ensureDevKeys, signDevToken } from '@gnbv/platform';
import { createAuthenticator } from './auth';

/** The gateway remembers verified tokens; these tests pin what the cache must never change. */
describe('authenticator: verified-token cache', () => {
  let dir: string;
  let keys: ReturnType<typeof ensureDevKeys>;
  let authenticate: Awaited<ReturnType<typeof createAuthenticator>>;
  const request = (token: string, purpose?: string) =>
    ({
      headers: { authorization: `Bearer ${token}`, ...(purpose ? { 'x-purpose': purpose } : {}) },
    }) as unknown as IncomingMessage;
  const token = (options: Partial<Parameters<typeof signDevToken>[0]> = {}) =>
    signDevToken(
      { agency: 'labor', roles: ['officer'], scope: ['03160'], ...options },
      devIssuerKeys({ issuerPrivate: keys.issuerPrivate, issuerPublic: keys.issuerPublic }),
    );

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gnbv-auth-'));
    keys = ensureDevKeys(dir);
    authenticate = await createAuthenticator({
      issuers: [],
      audience: 'gnbv-gateway',
      algorithms: ['EdDSA'],
      clockSkewSeconds: 0,
      devIssuer: { publicKeyFile: keys.issuerPublic, agencies: ['labor', 'social-policy-bank', 'steering-committee'] },
      internalPrivateKeyFile: keys.internalPrivate,
      internalTokenTtlSeconds: 30,
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a token accepted once is refused after its exp, although it was remembered', async () => {
    const t = await token({ ttlSeconds: 1 });
    await expect(authenticate(request(t))).resolves.toMatchObject({ principal: { scope: ['03160'] } });
    await expect(authenticate(request(t))).resolves.toMatchObject({ principal: { scope: ['03160'] } });
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    await expect(authenticate(request(t))).rejects.toMatchObject({ status: 401, message: expect.stringMatching(/expired/) });
  });

  it('checks the declared purpose on every request, cached token or not', async () => {
    const t = await token({
      agency: 'social-policy-bank',
      roles: ['service'],
      kind: 'service',
      scope: ['VN'],
      purpose: 'loan-eligibility',
    });
    await expect(authenticate(request(t, 'loan-eligibility'))).resolves.toMatchObject({ purpose: 'loan-eligibility' });
    await expect(authenticate(request(t, 'review'))).rejects.toMatchObject({ status: 403 });
    await expect(authenticate(request(t))).resolves.toMatchObject({ purpose: 'loan-eligibility' });
  });

  it('never remembers a refusal: a tampered copy of a remembered token is still refused', async () => {
    const t = await token();
    await authenticate(request(t));
    const [h, p, s] = t.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, scope: ['VN'] })).toString('base64url')}.${s}`;
    await expect(authenticate(request(tampered))).rejects.toMatchObject({ status: 401 });
    await expect(authenticate(request(tampered))).rejects.toMatchObject({ status: 401 });
  });
});
