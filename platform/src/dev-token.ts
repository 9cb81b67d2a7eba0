import { randomUUID, type KeyObject } from 'node:crypto';
import { DEV_ISSUER, keyThumbprint, loadJose, readPrivateKey, readPublicKey } from './keys';
import { principalClaimsSchema, type Agency, type Purpose, type Role } from './principal';

export interface DevTokenOptions {
  agency: Agency;
  roles: Role[];
  scope: string[];
  purpose?: Purpose;
  kind?: 'person' | 'service';
  subject?: string;
  /** Lifetime in seconds (default 8 hours, at most 24). */
  ttlSeconds?: number;
  audience?: string;
}

/**
 * Signs a development token with the local issuer key, as an agency's identity provider would
 * (`npm run token`, the benchmarks, and the console's demo roles in development).
 */
export async function signDevToken(
  options: DevTokenOptions,
  keys: { privateKey: KeyObject; publicKey: KeyObject },
): Promise<string> {
  const ttl = options.ttlSeconds ?? 8 * 3600;
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > 24 * 3600) throw new Error('--ttl: expected 1 to 86400 seconds');
  const kind = options.kind ?? (options.roles.includes('service') ? 'service' : 'person');
  const claims = principalClaimsSchema.parse({
    sub: options.subject ?? `dev-${options.agency}-${options.roles.join('-')}`,
    agency: options.agency,
    roles: options.roles,
    kind,
    scope: options.scope,
    ...(options.purpose ? { purpose: options.purpose } : {}),
  });
  const { SignJWT } = await loadJose();
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: await keyThumbprint(keys.publicKey) })
    .setIssuer(DEV_ISSUER)
    .setAudience(options.audience ?? 'gnbv-gateway')
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + ttl)
    .setJti(randomUUID())
    .sign(keys.privateKey);
}

/** The development issuer's key pair from its PEM files. */
export const devIssuerKeys = (files: { issuerPrivate: string; issuerPublic: string }) => ({
  privateKey: readPrivateKey(files.issuerPrivate),
  publicKey: readPublicKey(files.issuerPublic),
});
