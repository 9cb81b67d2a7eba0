import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { loadJose } from './keys';
import { INTERNAL_ISSUER, internalTokenCache, internalTokenSigner, internalTokenVerifier } from './internal-token';
import type { Principal } from './principal';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const principal: Principal = { subject: 'officer-1', agency: 'labor', roles: ['officer'], kind: 'person', scope: ['03160'] };
const now = () => Math.floor(Date.now() / 1000);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A token made by hand: any header and claims, signed with `key` (default the gateway's). */
function handMade(header: Record<string, unknown>, claims: Record<string, unknown>, key = privateKey): string {
  const input = `${b64(header)}.${b64(claims)}`;
  return `${input}.${sign(null, Buffer.from(input), key).toString('base64url')}`;
}

const goodClaims = () => ({
  principal,
  rid: randomUUID(),
  iss: INTERNAL_ISSUER,
  aud: 'labor',
  sub: principal.subject,
  iat: now(),
  exp: now() + 30,
  jti: randomUUID(),
});
const HEADER = { alg: 'EdDSA', typ: 'gnbv-internal+jwt' };

describe('internal tokens (gateway → subgraph), signed and verified with node:crypto', () => {
  const verifier = internalTokenVerifier(publicKey, 'labor');

  it('round-trips the identity: principal, request id, purpose and operation name', async () => {
    const token = await internalTokenSigner(privateKey, 30).sign(
      { principal, requestId: 'req-12345678', purpose: 'review', operationName: 'CommunePage' },
      'labor',
    );
    await expect(verifier.verify(token)).resolves.toEqual({
      principal,
      requestId: 'req-12345678',
      purpose: 'review',
      operationName: 'CommunePage',
    });
  });

  it('keeps the JWT format: jose verifies our tokens, and we verify jose-signed ones', async () => {
    const jose = await loadJose();
    const ours = await internalTokenSigner(privateKey, 30).sign({ principal, requestId: randomUUID() }, 'labor');
    const { payload, protectedHeader } = await jose.jwtVerify(ours, publicKey, {
      issuer: INTERNAL_ISSUER,
      audience: 'labor',
      algorithms: ['EdDSA'],
      typ: 'gnbv-internal+jwt',
      requiredClaims: ['exp', 'iat', 'jti'],
    });
    expect([protectedHeader.alg, payload.sub]).toEqual(['EdDSA', principal.subject]);
    const theirs = await new jose.SignJWT({ principal, rid: 'req-abcdefgh' })
      .setProtectedHeader(HEADER)
      .setIssuer(INTERNAL_ISSUER)
      .setAudience('labor')
      .setIssuedAt()
      .setExpirationTime('30s')
      .setJti(randomUUID())
      .sign(privateKey);
    await expect(verifier.verify(theirs)).resolves.toMatchObject({ requestId: 'req-abcdefgh', principal });
  });

  const refusals: Array<[string, () => string]> = [
    ['alg none, unsigned', () => `${b64({ alg: 'none', typ: HEADER.typ })}.${b64(goodClaims())}.`],
    ['alg none with a signature', () => handMade({ alg: 'none', typ: HEADER.typ }, goodClaims())],
    ['HS256 in the header', () => handMade({ alg: 'HS256', typ: HEADER.typ }, goodClaims())],
    ['another token type (a user token)', () => handMade({ alg: 'EdDSA', typ: 'JWT' }, goodClaims())],
    ['a crit header', () => handMade({ ...HEADER, crit: ['exp'] }, goodClaims())],
    ['another key', () => handMade(HEADER, goodClaims(), generateKeyPairSync('ed25519').privateKey)],
    [
      'a tampered payload',
      () => {
        const [h, , s] = handMade(HEADER, goodClaims()).split('.') as [string, string, string];
        return `${h}.${b64({ ...goodClaims(), principal: { ...principal, scope: ['VN'] } })}.${s}`;
      },
    ],
    ['another subgraph (aud)', () => handMade(HEADER, { ...goodClaims(), aud: 'agriculture' })],
    ['another issuer', () => handMade(HEADER, { ...goodClaims(), iss: 'urn:someone' })],
    ['expired', () => handMade(HEADER, { ...goodClaims(), iat: now() - 600, exp: now() - 300 })],
    ['older than 60 s, even if exp is far', () => handMade(HEADER, { ...goodClaims(), iat: now() - 120, exp: now() + 3600 })],
    ['issued in the future', () => handMade(HEADER, { ...goodClaims(), iat: now() + 120, exp: now() + 150 })],
    ['not valid yet (nbf)', () => handMade(HEADER, { ...goodClaims(), nbf: now() + 120 })],
    ['no jti', () => handMade(HEADER, { ...goodClaims(), jti: undefined })],
    ['a bad principal', () => handMade(HEADER, { ...goodClaims(), principal: { subject: 'x', agency: 'nobody' } })],
    ['four segments', () => `${handMade(HEADER, goodClaims())}.AAAA`],
    ['not base64url', () => handMade(HEADER, goodClaims()).replace('.', '.$')],
  ];

  it.each(refusals)('refuses %s', async (_name, make) => {
    await expect(verifier.verify(make())).rejects.toThrow();
  });

  it('accepts the hand-made good token (so each refusal above is about its one change)', async () => {
    await expect(verifier.verify(handMade(HEADER, goodClaims()))).resolves.toMatchObject({ principal });
  });

  it('accepts only Ed25519 keys', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect(() => internalTokenSigner(rsa.privateKey, 30)).toThrow(/Ed25519/);
    expect(() => internalTokenVerifier(rsa.publicKey, 'labor')).toThrow(/Ed25519/);
  });
});

describe('internal tokens reused across requests (issue 8)', () => {
  const identity = { principal, requestId: 'req-first-1', purpose: 'review' as const, operationName: 'CommunePage' };

  it('the gateway hands out one token per user and subgraph for half its lifetime, then signs a new one', async () => {
    let clock = 1_000_000;
    const tokens = internalTokenCache(internalTokenSigner(privateKey, 30), 30, { now: () => clock });
    const first = await tokens.get(identity, 'labor');
    // Another request of the same user: same token (its request id travels in x-request-id).
    expect(await tokens.get({ ...identity, requestId: 'req-second-2' }, 'labor')).toBe(first);
    clock += 14_999;
    expect(await tokens.get(identity, 'labor')).toBe(first);
    clock += 1;
    const renewed = await tokens.get(identity, 'labor');
    expect(renewed).not.toBe(first);
    expect(tokens.size).toBe(1);
  });

  it('never shares a token between subgraphs, users, purposes or operations', async () => {
    const tokens = internalTokenCache(internalTokenSigner(privateKey, 30), 30);
    const base = await tokens.get(identity, 'labor');
    const others = await Promise.all([
      tokens.get(identity, 'agriculture'),
      tokens.get({ ...identity, principal: { ...principal, subject: 'officer-2' } }, 'labor'),
      tokens.get({ ...identity, principal: { ...principal, scope: ['03157'] } }, 'labor'),
      tokens.get({ ...identity, principal: { ...principal, roles: ['analyst'] } }, 'labor'),
      tokens.get({ ...identity, purpose: 'audit' }, 'labor'),
      tokens.get({ ...identity, operationName: 'Other' }, 'labor'),
    ]);
    expect(new Set([base, ...others]).size).toBe(7);
    const verified = await internalTokenVerifier(publicKey, 'labor').verify(others[1]!);
    expect(verified.principal.subject).toBe('officer-2');
  });

  it('keeps at most maxEntries tokens, forgetting the oldest', async () => {
    const tokens = internalTokenCache(internalTokenSigner(privateKey, 30), 30, { maxEntries: 2 });
    const a = await tokens.get(identity, 'labor');
    await tokens.get(identity, 'agriculture');
    await tokens.get(identity, 'social-policy-bank');
    expect(tokens.size).toBe(2);
    expect(await tokens.get(identity, 'labor')).not.toBe(a);
  });

  it('a subgraph verifies a token once, yet refuses it the moment it expires', async () => {
    jest.useFakeTimers({ now: new Date('2026-12-02T00:00:00Z') });
    try {
      const verifier = internalTokenVerifier(publicKey, 'labor');
      const token = await internalTokenSigner(privateKey, 30).sign(identity, 'labor');
      const first = await verifier.verify(token);
      expect(await verifier.verify(token)).toBe(first); // remembered: no second signature check
      jest.setSystemTime(new Date('2026-12-02T00:00:34Z')); // exp + 4 s: within the clock tolerance
      await expect(verifier.verify(token)).resolves.toBe(first);
      jest.setSystemTime(new Date('2026-12-02T00:00:36Z'));
      await expect(verifier.verify(token)).rejects.toThrow('internal token: expired');
      await expect(verifier.verify(token)).rejects.toThrow('internal token: expired');
    } finally {
      jest.useRealTimers();
    }
  });

  it('remembers only tokens that passed: a forged one is refused every time', async () => {
    const verifier = internalTokenVerifier(publicKey, 'labor');
    const other = generateKeyPairSync('ed25519');
    const forged = handMade(HEADER, goodClaims(), other.privateKey);
    await expect(verifier.verify(forged)).rejects.toThrow('signature verification failed');
    await expect(verifier.verify(forged)).rejects.toThrow('signature verification failed');
  });
});
