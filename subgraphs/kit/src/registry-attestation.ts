import { randomUUID, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { badInput, loadJose, readPrivateKey, readPublicKey } from '@gnbv/platform';

/*
 * Registry attestations: how an agency's write learns what the labor registry says about a
 * household, without a copy that can go stale and without one subgraph calling another.
 *
 * The labor subgraph signs, on request through the gateway (`Household.registryAttestation`),
 * a short-lived statement: "household H exists, lives in commune C of province P, and on date D
 * its certified category was K; these members were under 16 on D". The client passes it with
 * the write; the writing subgraph verifies labor's signature (it holds only the public key),
 * checks the statement is about the same household and date, and keeps the statement's id and
 * category with the record as its evidence. Labor audits every statement it issues.
 */

export const REGISTRY_ISSUER = 'urn:gnbv:labor-registry';
export const REGISTRY_ATTESTATION_TYPE = 'gnbv-registry+jwt';
const ALGORITHM = 'EdDSA';
/** How long a statement is good for: long enough to fill in a delivery form, short enough to stay fresh. */
export const REGISTRY_ATTESTATION_TTL_SECONDS = 15 * 60;

export const REGISTRY_CATEGORIES = ['POOR', 'NEAR_POOR', 'NEWLY_ESCAPED', 'NOT_POOR'] as const;
export type RegistryCategory = (typeof REGISTRY_CATEGORIES)[number];

/** What the registry states about one household on one date. */
export interface RegistryAttestation {
  /** The statement's id (JWT `jti`), kept with the record it justified. */
  id: string;
  householdId: string;
  /** The date the statement is about. */
  on: string;
  /** The certified category on that date; null when no review had been certified by then. */
  category: RegistryCategory | null;
  /** The household's commune and province (today's units). */
  communeCode: string;
  provinceCode: string;
  /** Current members under 16 on that date (for per-child support such as nutrition). */
  childrenUnder16: string[];
  /** Deprivation indicators (1-12) of the certified review in force on that date (for targeting reports). */
  deprivedIndicators: number[];
  /** When labor issued it, ISO 8601. */
  issuedAt: string;
}

const claimsSchema = z.object({
  jti: z.string().uuid(),
  sub: z.string().uuid(),
  on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  cat: z.enum(REGISTRY_CATEGORIES).nullable(),
  com: z.string().regex(/^\d{5}$/),
  prov: z.string().regex(/^\d{2}$/),
  kids: z.array(z.string().uuid()).max(50),
  dep: z.array(z.number().int().min(1).max(12)).max(12),
  iat: z.number(),
});

export interface RegistryAttestationSigner {
  sign(statement: Omit<RegistryAttestation, 'id' | 'issuedAt'>): Promise<{ token: string; attestation: RegistryAttestation }>;
}

export interface RegistryAttestationVerifier {
  /**
   * The statement in `token`, checked: labor's signature, not expired, about `expect.householdId`
   * on `expect.on`. Anything else is BAD_USER_INPUT naming `field` and saying what to do.
   */
  verify(token: string, expect: { householdId: string; on: string }, field: string): Promise<RegistryAttestation>;
}

export function registryAttestationSigner(
  privateKey: KeyObject,
  ttlSeconds = REGISTRY_ATTESTATION_TTL_SECONDS,
): RegistryAttestationSigner {
  return {
    async sign(statement) {
      const { SignJWT } = await loadJose();
      const now = Math.floor(Date.now() / 1000);
      const id = randomUUID();
      const token = await new SignJWT({
        on: statement.on,
        cat: statement.category,
        com: statement.communeCode,
        prov: statement.provinceCode,
        kids: statement.childrenUnder16,
        dep: statement.deprivedIndicators,
      })
        .setProtectedHeader({ alg: ALGORITHM, typ: REGISTRY_ATTESTATION_TYPE })
        .setIssuer(REGISTRY_ISSUER)
        .setSubject(statement.householdId)
        .setIssuedAt(now)
        .setExpirationTime(now + ttlSeconds)
        .setJti(id)
        .sign(privateKey);
      return { token, attestation: { ...statement, id, issuedAt: new Date(now * 1000).toISOString() } };
    },
  };
}

const ASK_AGAIN = 'ask the registry for a fresh one (Household.registryAttestation) and send it unchanged';

export function registryAttestationVerifier(publicKey: KeyObject): RegistryAttestationVerifier {
  return {
    async verify(token, expect, field) {
      const { jwtVerify, errors } = await loadJose();
      let payload: unknown;
      try {
        ({ payload } = await jwtVerify(token, publicKey, {
          issuer: REGISTRY_ISSUER,
          algorithms: [ALGORITHM],
          typ: REGISTRY_ATTESTATION_TYPE,
          clockTolerance: 5,
          requiredClaims: ['exp', 'iat', 'jti', 'sub'],
        }));
      } catch (error) {
        if (error instanceof errors.JWTExpired) throw badInput(field, `the registry statement has expired: ${ASK_AGAIN}`);
        throw badInput(field, `is not a statement signed by the labor registry: ${ASK_AGAIN}`);
      }
      const parsed = claimsSchema.safeParse(payload);
      if (!parsed.success) throw badInput(field, `is not a statement signed by the labor registry: ${ASK_AGAIN}`);
      const c = parsed.data;
      if (c.sub !== expect.householdId)
        throw badInput(field, `is about household ${c.sub}, not ${expect.householdId}: ask for the household this record is for`);
      if (c.on !== expect.on)
        throw badInput(
          field,
          `states the household's category on ${c.on}, but this record is dated ${expect.on}: ask for that date`,
        );
      return {
        id: c.jti,
        householdId: c.sub,
        on: c.on,
        category: c.cat,
        communeCode: c.com,
        provinceCode: c.prov,
        childrenUnder16: c.kids,
        deprivedIndicators: c.dep,
        issuedAt: new Date(c.iat * 1000).toISOString(),
      };
    },
  };
}

/** A subgraph's registry keys, read on first use: every subgraph verifies; labor also signs. */
export interface RegistryKeys {
  verifier(): RegistryAttestationVerifier;
  signer(): RegistryAttestationSigner;
}

export function registryKeys(files: { publicKeyFile: string; privateKeyFile?: string | undefined }): RegistryKeys {
  let verifier: RegistryAttestationVerifier | undefined;
  let signer: RegistryAttestationSigner | undefined;
  return {
    verifier: () => (verifier ??= registryAttestationVerifier(readPublicKey(files.publicKeyFile))),
    signer: () => {
      if (!files.privateKeyFile) throw new Error('this subgraph has no registry attestation private key: only labor signs');
      return (signer ??= registryAttestationSigner(readPrivateKey(files.privateKeyFile)));
    },
  };
}
