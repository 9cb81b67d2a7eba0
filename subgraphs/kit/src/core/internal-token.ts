import { randomUUID, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { loadJose } from './keys';
import { principalSchema, PURPOSES, type Principal, type Purpose } from './principal';

/**
 * The identity the gateway hands each subgraph: a short-lived EdDSA-signed JWT, audience = that
 * subgraph, carrying the verified principal, the request id, the declared purpose and the
 * operation name. Subgraphs hold only the public key, so a subgraph cannot mint tokens.
 */
export const INTERNAL_ISSUER = 'urn:gnbv:gateway';
export const INTERNAL_ALGORITHM = 'EdDSA';
/** The longest lifetime the subgraphs accept, whatever the gateway is configured to. */
export const INTERNAL_MAX_TTL_SECONDS = 60;

export interface InternalIdentity {
  principal: Principal;
  requestId: string;
  purpose?: Purpose;
  operationName?: string;
}

const claimsSchema = z.object({
  principal: principalSchema,
  rid: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
  purpose: z.enum(PURPOSES).optional(),
  op: z.string().max(200).optional(),
});

export interface InternalTokenSigner {
  sign(identity: InternalIdentity, audience: string): Promise<string>;
}

export function internalTokenSigner(privateKey: KeyObject, ttlSeconds: number): InternalTokenSigner {
  if (ttlSeconds < 1 || ttlSeconds > INTERNAL_MAX_TTL_SECONDS)
    throw new Error(`internal token lifetime must be 1-${INTERNAL_MAX_TTL_SECONDS} s`);
  return {
    async sign(identity, audience) {
      const { SignJWT } = await loadJose();
      const claims: Record<string, unknown> = { principal: identity.principal, rid: identity.requestId };
      if (identity.purpose) claims.purpose = identity.purpose;
      if (identity.operationName) claims.op = identity.operationName.slice(0, 200);
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT(claims)
        .setProtectedHeader({ alg: INTERNAL_ALGORITHM, typ: 'gnbv-internal+jwt' })
        .setIssuer(INTERNAL_ISSUER)
        .setAudience(audience)
        .setSubject(identity.principal.subject)
        .setIssuedAt(now)
        .setExpirationTime(now + ttlSeconds)
        .setJti(randomUUID())
        .sign(privateKey);
    },
  };
}

export interface InternalTokenVerifier {
  /** The identity in a token meant for this subgraph; throws when it is not one. */
  verify(token: string): Promise<InternalIdentity>;
}

/** Verifies gateway tokens for one subgraph (`audience`): signature, issuer, audience, expiry, age ≤ 60 s. */
export function internalTokenVerifier(publicKey: KeyObject, audience: string): InternalTokenVerifier {
  return {
    async verify(token) {
      const { jwtVerify } = await loadJose();
      const { payload } = await jwtVerify(token, publicKey, {
        issuer: INTERNAL_ISSUER,
        audience,
        algorithms: [INTERNAL_ALGORITHM],
        typ: 'gnbv-internal+jwt',
        maxTokenAge: INTERNAL_MAX_TTL_SECONDS,
        clockTolerance: 5,
        requiredClaims: ['exp', 'iat', 'jti'],
      });
      const claims = claimsSchema.parse(payload);
      return {
        principal: claims.principal,
        requestId: claims.rid,
        ...(claims.purpose ? { purpose: claims.purpose } : {}),
        ...(claims.op ? { operationName: claims.op } : {}),
      };
    },
  };
}

/** The Bearer token of an `Authorization` header, or undefined. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+([A-Za-z0-9_.~+/=-]+)\s*$/i.exec(header);
  return match?.[1];
}
