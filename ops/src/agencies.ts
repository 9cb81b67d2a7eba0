import type { AgencyDefinition } from '@gnbv/kit';
import { definition as agriculture } from '@gnbv/agriculture';
import { definition as cultureInformation } from '@gnbv/culture-information';
import { definition as labor } from '@gnbv/labor';
import { definition as socialPolicyBank } from '@gnbv/social-policy-bank';

/*
 * Every agency that serves a subgraph, in composition and start order: one line each. Every other
 * agency set of the platform is derived from this list (ports, composition, databases, the
 * benchmarks, the tests); `npm run agencies:check` fails when the workspaces, ops' and test's
 * dependencies or tsconfig references disagree with it, and `npm run agency:new` adds the line.
 */
export const AGENCIES: readonly AgencyDefinition[] = [
  labor,
  agriculture,
  cultureInformation,
  socialPolicyBank,
  // agency:new adds the next line above this one
];

/** The names of the listed agencies. */
export const agencyNames = (): string[] => AGENCIES.map((a) => a.name);
