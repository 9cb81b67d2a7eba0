import {
  schemaRunner,
  startTestDatabase,
  testPrincipal,
  testRegistryKeys,
  type SchemaRunner,
  type TestDatabase,
  type TestIdentity,
} from '@gnbv/kit/testing';
import type { RegistryCategory } from '@gnbv/kit';
import { createLoaders, type AgricultureLoaders } from './context';
import { agricultureDataSource } from './data-source';
import { buildAgricultureSchema } from './schema';

/*
 * What agriculture's tests share: a migrated database with the schema run in-process, who asks,
 * and the labor registry's signed statements, made with the development registry keys (labor
 * itself is not needed: agriculture trusts only the signature).
 */

export const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A national agriculture officer delivering support. */
export const AGRICULTURE_OFFICER: TestIdentity = {
  principal: testPrincipal({ subject: 'agri-officer', agency: 'agriculture' }),
  purpose: 'support-delivery',
};
/** An agriculture officer of commune 03163 only. */
export const AGRICULTURE_03163: TestIdentity = {
  principal: testPrincipal({ subject: 'agri-na-tau', agency: 'agriculture', scope: ['03163'] }),
  purpose: 'support-delivery',
};
/** A national labor officer: another agency, who reads agriculture's work but writes none of it. */
export const LABOR_OFFICER: TestIdentity = { purpose: 'support-delivery' };

export interface Statement {
  category: RegistryCategory | null;
  communeCode?: string;
  provinceCode?: string;
  childrenUnder16?: string[];
  deprivedIndicators?: number[];
}

/** The registry's signed statement about `householdId` on `on`, as Household.registryAttestation would give it. */
export async function statement(householdId: string, on: string, says: Statement): Promise<string> {
  const signed = await testRegistryKeys()
    .signer()
    .sign({
      householdId,
      on,
      category: says.category,
      communeCode: says.communeCode ?? '03160',
      provinceCode: says.provinceCode ?? '11',
      childrenUnder16: says.childrenUnder16 ?? [],
      deprivedIndicators: says.deprivedIndicators ?? [],
    });
  return signed.token;
}

export interface Agriculture {
  db: TestDatabase;
  run: SchemaRunner<AgricultureLoaders>;
  q: (sql: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;
}

/** A migrated agriculture database and its schema, run in-process; `db.stop()` in afterAll. */
export async function startAgriculture(): Promise<Agriculture> {
  const db = await startTestDatabase(agricultureDataSource);
  const run = schemaRunner((await buildAgricultureSchema()).schema, db.dataSource, createLoaders);
  return { db, run, q: (sql, params = []) => db.dataSource.query(sql, params) };
}

export const RECORD_SUPPORT = `mutation($input: SupportInput!, $k: String!) { recordProductionSupport(input: $input, idempotencyKey: $k) {
  id agency project subProject kind memberId initiativeId status plannedOn deliveredOn verifiedOn categoryOnDelivery
  reachedDeprivation communeCode value quantity unit addressesIndicators household { id } } }`;

export const STEP_SUPPORT = `mutation($input: SupportStepInput!, $k: String!) { advanceProductionSupport(input: $input, idempotencyKey: $k) {
  id status deliveredOn verifiedOn cancelledOn cancelReason categoryOnDelivery } }`;

/** A support input for `recordProductionSupport`: two breeding cows delivered, unless overridden. */
export const supportInput = (householdId: string, token: string, overrides: Record<string, unknown> = {}) => ({
  householdId,
  registryAttestation: token,
  kind: 'BREEDING_ANIMALS',
  description: '2 bò cái sinh sản',
  quantity: 2,
  value: 30_000_000,
  on: '2025-06-01',
  deliveringOffice: 'Phòng Kinh tế xã Mường Phăng',
  programYear: 2025,
  ...overrides,
});
