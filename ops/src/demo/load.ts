import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { AdminUnit, AdminUnitLinkRow, Household, Member, PovertyReview } from '@gnbv/labor';
import { ProductionSupport } from '@gnbv/agriculture';
import { CommunicationProduct, InformationSupport } from '@gnbv/culture-information';
import { Loan, SavingsGroup } from '@gnbv/social-policy-bank';
import type { DemoDataset } from './dataset';

type Table = [EntityTarget<ObjectLiteral>, ObjectLiteral[]];

/** Which rows of the demo data set go into which agency's database, in insert order. */
export function demoTables(name: string, data: DemoDataset): Table[] {
  switch (name) {
    case 'labor':
      return [
        [AdminUnit, data.labor.adminUnits],
        [AdminUnitLinkRow, data.labor.adminUnitLinks],
        [Household, data.labor.households],
        [Member, data.labor.members],
        [PovertyReview, data.labor.reviews],
      ];
    case 'agriculture':
      return [[ProductionSupport, data.agriculture.productionSupports]];
    case 'culture-information':
      return [
        [InformationSupport, data.cultureInformation.informationSupports],
        [CommunicationProduct, data.cultureInformation.communicationProducts],
      ];
    case 'social-policy-bank':
      return [
        [SavingsGroup, data.socialPolicyBank.savingsGroups],
        [Loan, data.socialPolicyBank.loans],
      ];
    default:
      return [];
  }
}

/**
 * Loads an agency's share of the demo data set if, and only if, its tables are all empty.
 * One transaction: a failure leaves the database as it was. Returns the rows inserted.
 */
export async function loadDemoData(dataSource: DataSource, name: string, data: DemoDataset): Promise<number> {
  const tables = demoTables(name, data);
  return dataSource.transaction(async (manager) => {
    for (const [entity] of tables) {
      if ((await manager.getRepository(entity).count({ take: 1 })) > 0) return 0;
    }
    let inserted = 0;
    for (const [entity, rows] of tables) {
      for (let i = 0; i < rows.length; i += 500) {
        await manager.getRepository(entity).insert(rows.slice(i, i + 500));
      }
      inserted += rows.length;
    }
    return inserted;
  });
}
