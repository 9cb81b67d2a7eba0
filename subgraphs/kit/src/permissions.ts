import type { GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { allow, rule, shield, type and, type IRules } from 'graphql-shield';
/** Any graphql-shield rule (graphql-shield does not export the type by name). */
export type ShieldRule = Parameters<typeof and>[number];
import type { AuditCollector } from './audit/collector';
import {
  clientError,
  ErrorCode,
  describePrincipal,
  PURPOSES,
  type Agency,
  type Principal,
  type Purpose,
  type Role,
} from '@gnbv/platform';

/*
 * The vocabulary of every subgraph's `permissions.ts`. A check is a plain function of the
 * request's principal and purpose (and the parent object, for personal data) that says yes or
 * why not. `can(...)` turns checks into a graphql-shield rule; `personal(...)` does the same and
 * notes each decision for the audit trail. `applyPermissions(...)` denies everything not listed.
 */

/** What a permission check can see of the request. */
export interface PermissionContext {
  principal: Principal;
  purpose?: Purpose | undefined;
  audit: AuditCollector;
}

export type Denial = { code: typeof ErrorCode.FORBIDDEN | typeof ErrorCode.PURPOSE_REQUIRED; reason: string };
export type Decision = true | Denial;
export type Check = (ctx: PermissionContext) => Decision;

const deny = (reason: string): Denial => ({ code: ErrorCode.FORBIDDEN, reason });
const hasRole = (p: Principal, role: Role) => p.roles.includes(role);

/** Any principal the gateway vouched for (every request that reached a resolver has one). */
export const anyone: Check = () => true;

/** An officer of one of these agencies (any agency when none is named). */
export const officer =
  (...agencies: Agency[]): Check =>
  ({ principal }) =>
    hasRole(principal, 'officer') && (agencies.length === 0 || agencies.includes(principal.agency))
      ? true
      : deny(agencies.length ? `requires an officer of ${agencies.join(' or ')}` : 'requires an agency officer');

/** A service account of this agency, used for this purpose. */
export const service =
  (agency: Agency, purpose: Purpose): Check =>
  (ctx) =>
    hasRole(ctx.principal, 'service') && ctx.principal.agency === agency && ctx.purpose === purpose
      ? true
      : deny(`requires the ${agency} service account with purpose ${purpose}`);

/** A steering-committee (or any agency's) analyst: aggregates only. */
export const analyst: Check = ({ principal }) => (hasRole(principal, 'analyst') ? true : deny('requires an analyst'));

/** The data-protection officer, who reads the audit trail. */
export const dataProtectionOfficer: Check = ({ principal }) =>
  hasRole(principal, 'data-protection-officer') ? true : deny('requires the data-protection officer');

/** Passes when any of the checks passes. */
export const anyOf =
  (...checks: Check[]): Check =>
  (ctx) => {
    const reasons: string[] = [];
    for (const check of checks) {
      const decision = check(ctx);
      if (decision === true) return true;
      reasons.push(decision.reason);
    }
    return deny(reasons.join(', or '));
  };

/** The request declared one of these purposes (X-Purpose). */
export const purpose =
  (...allowed: Purpose[]): Check =>
  (ctx) =>
    ctx.purpose && allowed.includes(ctx.purpose)
      ? true
      : {
          code: ErrorCode.PURPOSE_REQUIRED,
          reason: ctx.purpose
            ? `purpose "${ctx.purpose}" does not cover it; declare one of: ${allowed.join(', ')}`
            : `it is personal data: declare why you need it with the X-Purpose header (one of: ${allowed.join(', ')})`,
        };

/** Every declared purpose except `statistics`, which never needs a named person. */
export const PERSONAL_PURPOSES: Purpose[] = PURPOSES.filter((p) => p !== 'statistics');

function decide(checks: Check[], ctx: PermissionContext): Decision {
  for (const check of checks) {
    const decision = check(ctx);
    if (decision !== true) return decision;
  }
  return true;
}

function refusal(decision: Denial, ctx: PermissionContext, info: GraphQLResolveInfo) {
  const field = `${info.parentType.name}.${info.fieldName}`;
  const who = decision.code === ErrorCode.FORBIDDEN ? ` You are signed in as ${describePrincipal(ctx.principal)}.` : '';
  return clientError(decision.code, `${field}: ${decision.reason}.${who}`, { field });
}

/** A rule that passes when every check passes; otherwise FORBIDDEN (or PURPOSE_REQUIRED) naming the field. */
export function can(...checks: Check[]): ShieldRule {
  return rule({ cache: 'no_cache' })((_parent, _args, ctx: PermissionContext, info) => {
    const decision = decide(checks, ctx);
    return decision === true ? true : refusal(decision, ctx, info);
  });
}

/** The data subject a personal field belongs to, for the audit trail (e.g. a member's household). */
export type SubjectOf = (parent: never) => { type: string; id: string };

/**
 * A rule for a personal field: like `can`, and every decision, allowed or denied, is noted for
 * the audit trail against the data subject, then written before the response leaves.
 */
export function personal(subjectOf: SubjectOf, ...checks: Check[]): ShieldRule {
  return rule({ cache: 'no_cache' })((parent, _args, ctx: PermissionContext, info) => {
    const decision = decide(checks, ctx);
    const subject = (subjectOf as (p: unknown) => { type: string; id: string })(parent);
    ctx.audit.note(
      subject.type,
      subject.id,
      `${info.parentType.name}.${info.fieldName}`,
      decision === true ? 'allowed' : 'denied',
    );
    return decision === true ? true : refusal(decision, ctx, info);
  });
}

const noRule = rule({ cache: 'no_cache' })((_parent, _args, _ctx, info) =>
  clientError(ErrorCode.FORBIDDEN, `${info.parentType.name}.${info.fieldName}: no permission rule allows it.`, {
    field: `${info.parentType.name}.${info.fieldName}`,
  }),
);

/** What every subgraph allows whoever reached it (the gateway's signed token is checked before any of this). */
const FEDERATION_RULES: IRules = {
  Query: { _entities: allow, _service: allow },
  _Service: allow,
  PageInfo: allow,
};

export type PermissionTable = Record<string, Record<string, ShieldRule> | ShieldRule>;

const isRuleMap = (value: unknown): value is Record<string, ShieldRule> =>
  !!value && typeof value === 'object' && !('resolve' in value);

/**
 * One subgraph's table from its own rules and the fragments of the kit modules it uses (support,
 * budget lines). A field given twice is a programming error, never a silent override.
 */
export function mergePermissions(...tables: PermissionTable[]): PermissionTable {
  const merged: PermissionTable = {};
  for (const table of tables) {
    for (const [type, rules] of Object.entries(table)) {
      const base = merged[type];
      if (base === undefined) merged[type] = isRuleMap(rules) ? { ...rules } : rules;
      else if (isRuleMap(base) && isRuleMap(rules)) {
        for (const field of Object.keys(rules))
          if (field in base) throw new Error(`mergePermissions: ${type}.${field} has two rules`);
        merged[type] = { ...base, ...rules };
      } else throw new Error(`mergePermissions: ${type} has a rule for the whole type and another table names it too`);
    }
  }
  return merged;
}

/**
 * Applies a subgraph's permission table to its schema. Anything the table does not name is
 * denied; errors thrown by resolvers pass through (and are masked later if they are faults).
 */
export function applyPermissions(schema: GraphQLSchema, table: PermissionTable): GraphQLSchema {
  // graphql-shield refuses rules for types a schema lacks (e.g. PageInfo where nothing is paginated).
  const merged: Record<string, unknown> = Object.fromEntries(
    Object.entries(FEDERATION_RULES).filter(([type]) => schema.getType(type) !== undefined),
  );
  for (const [type, rules] of Object.entries(table)) {
    const base = merged[type];
    merged[type] =
      base && typeof base === 'object' && !('resolve' in base) && rules && typeof rules === 'object' && !('resolve' in rules)
        ? { ...base, ...rules }
        : rules;
  }
  return applyMiddleware(
    schema,
    shield(merged as IRules, {
      fallbackRule: noRule,
      allowExternalErrors: true,
      fallbackError: () => clientError(ErrorCode.FORBIDDEN, 'Not permitted.'),
    }),
  );
}

export { allow };
