import type { IncomingMessage } from 'node:http';
import {
  ExpiringMap,
  bearerToken,
  DEV_ISSUER,
  ErrorCode,
  HttpError,
  isPurpose,
  loadJose,
  principalFromClaims,
  PURPOSES,
  readPublicKey,
  type Principal,
  type Purpose,
} from '@gnbv/platform';
import type { AuthConfig, IssuerConfig } from './config';

/** Who is asking and why, as established by the gateway for one request. */
export interface Authenticated {
  principal: Principal;
  purpose?: Purpose;
}

/** How many verified tokens the gateway remembers, and for how long at most. */
const VERIFIED_TOKEN_CACHE_SIZE = 10_000;
const VERIFIED_TOKEN_CACHE_MS = 60_000;

type KeyResolver = Parameters<Awaited<ReturnType<typeof loadJose>>['jwtVerify']>[1];

const unauthenticated = (message: string) =>
  new HttpError(401, ErrorCode.UNAUTHENTICATED, message, { 'www-authenticate': 'Bearer realm="gnbv"' });

/** Why jose refused a token, in words a client can act on (never the key material). */
function refusalReason(error: unknown): string {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return 'the token has expired';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED': {
      const claim = (error as { claim?: string }).claim;
      if (claim === 'nbf') return 'the token is not valid yet (nbf)';
      if (claim === 'aud') return 'the token is not meant for this gateway (aud)';
      if (claim === 'iss') return 'the token issuer does not match (iss)';
      return `the token claim "${claim ?? '?'}" is invalid`;
    }
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return 'the token signature algorithm is not accepted';
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return 'no key of the issuer matches the token (kid)';
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'the token signature is invalid';
    case 'ERR_JWKS_TIMEOUT':
    case 'ERR_JOSE_GENERIC':
      return 'the issuer keys could not be fetched';
    default:
      return 'the token is malformed';
  }
}

async function keyResolver(issuer: IssuerConfig): Promise<KeyResolver> {
  const jose = await loadJose();
  if (issuer.jwksUrl) {
    return jose.createRemoteJWKSet(new URL(issuer.jwksUrl), { timeoutDuration: 5_000, cooldownDuration: 30_000 }) as KeyResolver;
  }
  const key = readPublicKey(issuer.publicKeyFile as string);
  const jwk = await jose.exportJWK(key);
  // A key file is one key: tokens that name a different kid are refused.
  jwk.kid = issuer.kid ?? (await jose.calculateJwkThumbprint(jwk));
  return jose.createLocalJWKSet({ keys: [jwk] }) as KeyResolver;
}

/**
 * Builds the gateway's authenticator: Bearer JWTs from configured issuers only, with the
 * algorithm allow-list, `exp`/`nbf`/`iss`/`aud` checked and bounded clock skew; the token's
 * claims must describe a principal of an agency that issuer may vouch for. Also validates the
 * declared purpose (`X-Purpose`) against the fixed list and any purpose the token is bound to.
 */
export async function createAuthenticator(config: AuthConfig) {
  const issuers: IssuerConfig[] = [...config.issuers];
  if (config.devIssuer) {
    issuers.push({
      issuer: DEV_ISSUER,
      agencies: config.devIssuer.agencies,
      publicKeyFile: config.devIssuer.publicKeyFile,
    });
  }
  const resolvers = new Map<string, { config: IssuerConfig; keys: KeyResolver }>();
  for (const issuer of issuers) resolvers.set(issuer.issuer, { config: issuer, keys: await keyResolver(issuer) });
  const jose = await loadJose();

  /*
   * Verified tokens, by their text, for at most a minute and never past their `exp`: an agency
   * system or an officer sends the same token with every request, and verifying it again cost
   * about 0.25 ms of the gateway's CPU each time (jose on WebCrypto). Only successes are kept;
   * the declared purpose is checked per request below. Bounded: the oldest entry goes first.
   */
  const verified = new ExpiringMap<string, ReturnType<typeof principalFromClaims>>(VERIFIED_TOKEN_CACHE_SIZE);

  async function verify(token: string): Promise<ReturnType<typeof principalFromClaims>> {
    const cached = verified.get(token);
    if (cached) return cached;
    let issuerName: unknown;
    try {
      issuerName = jose.decodeJwt(token).iss;
    } catch {
      throw unauthenticated('The token was refused: the token is malformed.');
    }
    const issuer = typeof issuerName === 'string' ? resolvers.get(issuerName) : undefined;
    if (!issuer) throw unauthenticated('The token was refused: its issuer is not accepted by this gateway.');
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jose.jwtVerify(token, issuer.keys, {
        issuer: issuer.config.issuer,
        audience: config.audience,
        algorithms: config.algorithms,
        clockTolerance: config.clockSkewSeconds,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      throw unauthenticated(`The token was refused: ${refusalReason(error)}.`);
    }
    let identity: ReturnType<typeof principalFromClaims>;
    try {
      identity = principalFromClaims(payload);
    } catch (error) {
      throw unauthenticated(`The token was refused: ${(error as Error).message}.`);
    }
    if (!issuer.config.agencies.includes(identity.principal.agency)) {
      throw unauthenticated(`The token was refused: its issuer may not vouch for agency ${identity.principal.agency}.`);
    }
    verified.set(token, identity, Math.min((payload.exp as number) * 1000, Date.now() + VERIFIED_TOKEN_CACHE_MS));
    return identity;
  }

  return async function authenticate(req: IncomingMessage): Promise<Authenticated> {
    const header = req.headers.authorization;
    if (header === undefined) {
      throw unauthenticated('Authentication required: send "Authorization: Bearer <token>" with a token from your agency.');
    }
    const token = bearerToken(header);
    if (!token) throw unauthenticated('The Authorization header must be "Bearer <token>".');
    const identity = await verify(token);
    const declared = declaredPurpose(req);
    if (declared && identity.boundPurpose && declared !== identity.boundPurpose) {
      throw new HttpError(
        403,
        ErrorCode.FORBIDDEN,
        `X-Purpose: this token is bound to purpose "${identity.boundPurpose}" and cannot declare "${declared}".`,
      );
    }
    const purpose = declared ?? identity.boundPurpose;
    return purpose ? { principal: identity.principal, purpose } : { principal: identity.principal };
  };
}

/** The `X-Purpose` header: absent, or one of the fixed purposes (anything else is a 400). */
export function declaredPurpose(req: IncomingMessage): Purpose | undefined {
  const header = req.headers['x-purpose'];
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header.join(',') : header.trim();
  if (!isPurpose(value)) {
    throw new HttpError(
      400,
      ErrorCode.BAD_USER_INPUT,
      `X-Purpose: "${value.slice(0, 40)}" is not a recognised purpose; use one of: ${PURPOSES.join(', ')}.`,
    );
  }
  return value;
}
