import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { loadJose } from './keys';
import { INTERNAL_ISSUER, internalTokenSigner, internalTokenVerifier } from './internal-token';
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
