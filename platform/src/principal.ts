import { z } from 'zod';

/**
 * An agency's name, as a slug (`labor`, `social-policy-bank`): lower-case words joined by single
 * hyphens. The vocabulary is open: which agencies exist is the deployment's business (the
 * subgraphs of the supergraph, plus the steering committee), not this library's, so a new agency
 * needs no edit here. Where a closed set matters (the gateway's issuers) it is checked against the
 * agencies known at run time.
 */
export type Agency = string;

/** What an agency name looks like: `health`, `social-policy-bank`. */
export const AGENCY_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** The agency that holds accounts but serves no subgraph: it reports across the others. */
export const STEERING_COMMITTEE: Agency = 'steering-committee';

/** A validated agency name (see `AGENCY_NAME`). */
export const agencySchema = z
  .string()
  .max(60, 'expected an agency name of at most 60 characters')
  .regex(AGENCY_NAME, 'expected an agency name: lower-case words joined by hyphens, e.g. social-policy-bank');

/** True for a well-formed agency name. */
export const isAgencyName = (value: string): value is Agency => value.length <= 60 && AGENCY_NAME.test(value);

/** Every agency that holds accounts, given the agencies that serve subgraphs (the supergraph's or the registry's). */
export const knownAgencies = (subgraphAgencies: readonly string[]): Agency[] => [
  ...new Set([...subgraphAgencies, STEERING_COMMITTEE]),
];

/**
 * Roles a principal can hold. `officer`: works records of its agency; `analyst`: aggregates only;
 * `service`: a system account, limited by its bound purpose; `data-protection-officer`: reads the audit trail.
 */
export const ROLES = ['officer', 'analyst', 'service', 'data-protection-officer'] as const;
export type Role = (typeof ROLES)[number];

/** Why personal data is being processed. Sent as `X-Purpose`; anything else is refused. */
export const PURPOSES = ['support-delivery', 'loan-eligibility', 'review', 'statistics', 'audit'] as const;
export type Purpose = (typeof PURPOSES)[number];

/** The scope code that means the whole country. */
export const COUNTRY = 'VN';

const unitCode = z
  .string()
  .regex(/^(VN|\d{2}|\d{5})$/, 'expected VN (country), a 2-digit province code or a 5-digit commune code');

/**
 * Who is asking. `scope` lists the administrative units the principal may see: `VN` (the whole
 * country), province codes (which cover their communes) and commune codes.
 */
export const principalSchema = z.object({
  subject: z.string().min(1).max(200),
  agency: agencySchema,
  roles: z.array(z.enum(ROLES)).min(1).max(10),
  kind: z.enum(['person', 'service']),
  scope: z.array(unitCode).min(1).max(100),
});
export type Principal = z.infer<typeof principalSchema>;

/** Claims of a JWT that carry a principal (the issuer's `sub`, plus ours). `scope` may be one code or a list. */
export const principalClaimsSchema = z.object({
  sub: z.string().min(1).max(200),
  agency: agencySchema,
  roles: z.union([z.enum(ROLES), z.array(z.enum(ROLES)).min(1).max(10)]),
  kind: z.enum(['person', 'service']).default('person'),
  scope: z.union([unitCode, z.array(unitCode).min(1).max(100)]),
  purpose: z.enum(PURPOSES).optional(),
});

/** Reads a principal (and a purpose the token is bound to, if any) from verified claims; throws on a bad shape. */
export function principalFromClaims(claims: unknown): { principal: Principal; boundPurpose?: Purpose } {
  const parsed = principalClaimsSchema.safeParse(claims);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'claims'}: ${i.message}`).join('; ');
    throw new Error(`token claims do not describe a principal (${detail})`);
  }
  const c = parsed.data;
  const principal: Principal = {
    subject: c.sub,
    agency: c.agency,
    roles: Array.isArray(c.roles) ? c.roles : [c.roles],
    kind: c.kind,
    scope: Array.isArray(c.scope) ? c.scope : [c.scope],
  };
  return c.purpose ? { principal, boundPurpose: c.purpose } : { principal };
}

export const isPurpose = (value: string): value is Purpose => (PURPOSES as readonly string[]).includes(value);

/** "labor officer", "social-policy-bank service": how error messages name a principal. */
export const describePrincipal = (p: Principal) => `${p.agency} ${p.roles.join('/')}`;

/** Where a row lives: its commune and, when known, that commune's province. */
export interface UnitPlace {
  communeCode: string;
  provinceCode?: string | null;
}

/** True when the principal's scope covers a row in this commune (a province scope covers its communes). */
export function scopeCovers(principal: Principal, place: UnitPlace): boolean {
  return principal.scope.some(
    (code) => code === COUNTRY || code === place.communeCode || (!!place.provinceCode && code === place.provinceCode),
  );
}

/** True when the scope covers the whole country. */
export const nationalScope = (principal: Principal) => principal.scope.includes(COUNTRY);

/**
 * Whether an administrative unit (by code alone) may be asked about. A province is in scope when
 * the scope names it (or the country); a commune when the scope names it, its province (which the
 * caller may not know: pass `provinceOf`) or the country.
 */
export function unitInScope(principal: Principal, code: string, provinceOf?: string | null): boolean {
  return principal.scope.some((s) => s === COUNTRY || s === code || (!!provinceOf && s === provinceOf));
}
