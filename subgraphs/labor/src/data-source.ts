import { createDataSource, type DatabaseConfig } from '@gnbv/kit';
import { AdminUnit } from './admin-unit/admin-unit.entity';
import { Household } from './household/household.entity';
import { Member } from './member/member.entity';
import { Registry1763780000000 } from './migrations/1763780000000-Registry';
import { AuditTrail1763790000000 } from './migrations/1763790000000-AuditTrail';

export const entities = [AdminUnit, Household, Member];
export const migrations = [Registry1763780000000, AuditTrail1763790000000];

/** The labor database (not yet connected). */
export function laborDataSource(config: DatabaseConfig) {
  return createDataSource(config, entities, migrations);
}
