import {
  BUDGET_LINE_TABLE,
  DISBURSEMENT_TABLE,
  entityTable,
  specTable,
  SUPPORT_TABLE,
  type AgencyDemoData,
  type BudgetLineRow,
  type DisbursementRow,
  type Row,
  type SupportRow,
} from '@gnbv/kit';
import { AdminUnit, AdminUnitLinkRow } from '../admin-unit/admin-unit.entity';
import { Household } from '../household/household.entity';
import { Member } from '../household/member.entity';
import { PovertyReview } from '../review/review.entity';

/** Labor's share of the demo data set. */
export interface LaborDemoRows {
  adminUnits: Row<AdminUnit>[];
  adminUnitLinks: AdminUnitLinkRow[];
  households: Row<Household>[];
  members: Row<Member>[];
  reviews: Row<PovertyReview>[];
  /** Projects 2, 4 and 5. */
  supports: SupportRow[];
  /** Projects 2, 4, 5 and 7. */
  budgetLines: BudgetLineRow[];
  disbursements: DisbursementRow[];
}

export const laborDemo: AgencyDemoData<LaborDemoRows> = {
  key: 'labor',
  tables: (rows) => [
    entityTable(AdminUnit, rows.adminUnits),
    entityTable(AdminUnitLinkRow, rows.adminUnitLinks),
    entityTable(Household, rows.households),
    entityTable(Member, rows.members),
    entityTable(PovertyReview, rows.reviews),
    specTable(SUPPORT_TABLE, rows.supports),
    specTable(BUDGET_LINE_TABLE, rows.budgetLines),
    specTable(DISBURSEMENT_TABLE, rows.disbursements),
  ],
};
