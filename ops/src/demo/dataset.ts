import type { AgricultureDemoRows } from '@gnbv/agriculture';
import type { CultureInformationDemoRows } from '@gnbv/culture-information';
import { Random, type Row } from '@gnbv/kit';
import {
  buildDemoTerritory,
  DEMO_COMMUNES,
  DEMO_PROVINCE,
  demoReviews,
  ETHNIC,
  FAMILY,
  GIVEN_F,
  GIVEN_M,
  MIDDLE_F,
  MIDDLE_M,
  type AdminUnit,
  type Household,
  type LaborDemoRows,
} from '@gnbv/labor';
import { buildDemoLending, type DemoLending, type EntrustingOrganisationName } from '@gnbv/social-policy-bank';
import { buildDemoProgramme, DEMO_PROGRAMME } from './programme';

/**
 * One consistent demo data set for all four agencies (their databases share household ids).
 * Each agency's supports, budget lines and disbursements go to its own `support`, `budget_line`
 * and `disbursement` tables; see programme.ts (and DEMO_PROGRAMME) for what they hold.
 */
export interface DemoDataset {
  labor: LaborDemoRows;
  agriculture: AgricultureDemoRows;
  cultureInformation: CultureInformationDemoRows;
  /** The bank's transaction points, savings groups, members and loans with their movements: its data/demo-lending.ts (and DEMO_LENDING). */
  socialPolicyBank: DemoLending;
}

export { DEMO_COMMUNES, DEMO_PROVINCE } from '@gnbv/labor';
export { DEMO_PROGRAMME } from './programme';
export { DEMO_LENDING, demoLoanOutstanding, demoLoansOwed, demoLoanStanding, type DemoLending } from '@gnbv/social-policy-bank';

/**
 * The draws the household loop made for a loan in the bank's earlier shape, still made (and their
 * values unused) so that every row drawn after them (the next households' ids, names and
 * categories, which DEMO_PROGRAMME and the tests rely on) stays as it was. The bank's rows come
 * from a stream of their own (lending.ts).
 */
function formerLoanDraws(rnd: Random, targeted: boolean): void {
  if (!targeted || !rnd.chance(0.5)) return;
  const water = rnd.chance(0.15);
  rnd.next(); // amount
  rnd.next(); // disbursement day
  if (!water) rnd.next(); // term in years
  const status = rnd.next();
  rnd.uuid(); // id
  rnd.next(); // savings group
  if (status < 0.08 || status >= 0.2) rnd.next(); // balance (unless repaid)
  if (!water) rnd.next(); // purpose
}

/** A registration date before the first demo review (2024-10-15), spread over 2016-2024 by position. */
function registeredOn(index: number): string {
  const day = Date.parse('2016-01-04T00:00:00Z') + ((index * 7919) % 3_100) * 86_400_000;
  return new Date(day).toISOString().slice(0, 10);
}

/** Builds the demo data set from a seed: same seed, same rows, byte for byte. */
export function buildDemoDataset(options: { householdsPerCommune?: number; seed?: number } = {}): DemoDataset {
  const rnd = new Random(options.seed ?? 20251);
  const perCommune = options.householdsPerCommune ?? 75;
  const data: DemoDataset = {
    labor: {
      adminUnits: [],
      adminUnitLinks: [],
      households: [],
      members: [],
      reviews: [],
      supports: [],
      budgetLines: [],
      disbursements: [],
    },
    agriculture: { productionSupports: [], productionProjects: [], participants: [], budgetLines: [], disbursements: [] },
    cultureInformation: { informationSupports: [], communicationProducts: [], budgetLines: [], disbursements: [] },
    socialPolicyBank: {
      transactionPoints: [],
      savingsGroups: [],
      memberships: [],
      loans: [],
      instalments: [],
      repayments: [],
      purposeChecks: [],
    },
  };
  // Each commune's first two savings groups: ids from the main stream, drawn before its households.
  const groups: { id: string; communeCode: string; entrustedTo: EntrustingOrganisationName }[] = [];
  // The province's communes before and after the 2025 reform: a separate random stream.
  const territory = buildDemoTerritory((options.seed ?? 20251) + 2);
  data.labor.adminUnits.push(...territory.units);
  data.labor.adminUnitLinks.push(...territory.links);
  for (const commune of DEMO_COMMUNES) {
    const unit = territory.current.get(commune.code) as Row<AdminUnit>;
    for (const entrustedTo of ['WOMENS_UNION', 'FARMERS_UNION'] as const)
      groups.push({ id: rnd.uuid(), communeCode: commune.code, entrustedTo });
    for (let n = 1; n <= perCommune; n++) {
      const urban = commune.area === 'URBAN';
      const line = urban ? 2_000_000 : 1_500_000;
      const roll = rnd.next();
      const category = roll < 0.3 ? 'POOR' : roll < 0.55 ? 'NEAR_POOR' : roll < 0.7 ? 'NEWLY_ESCAPED' : 'NOT_POOR';
      const income =
        category === 'POOR' || category === 'NEAR_POOR'
          ? rnd.int(Math.floor(line * 0.4), line)
          : rnd.int(line + 50_000, Math.floor(line * 2.2));
      const village = rnd.pick(commune.villages);
      const family = rnd.pick(FAMILY);
      const ethnicity = rnd.pick(ETHNIC);
      const household: Row<Household> = {
        id: rnd.uuid(),
        code: `${commune.code}-${String(n).padStart(4, '0')}`,
        communeCode: commune.code,
        communeId: unit.id,
        provinceCode: DEMO_PROVINCE.code,
        // Registered before the reform: recorded in the former commune the village belonged to.
        recordedCommuneId: (territory.formerOfVillage.get(`${commune.code}/${village}`) as Row<AdminUnit>).id,
        registeredOn: registeredOn(data.labor.households.length),
        village,
        address: `${village}, ${commune.name}, ${DEMO_PROVINCE.name}`,
        area: commune.area as never,
        category: category as never,
        noWorkingCapacity: rnd.chance(0.06),
        ethnicMinority: ethnicity !== 'Kinh',
        meritoriousFamily: rnd.chance(0.04),
        monthlyIncomePerPerson: Math.round(income / 1000) * 1000,
      };
      data.labor.households.push(household);
      const size = rnd.int(2, 6);
      for (let m = 0; m < size; m++) {
        const female = m === 1 ? true : rnd.chance(0.5);
        const relation = m === 0 ? 'HEAD' : m === 1 ? 'SPOUSE' : rnd.chance(0.8) ? 'CHILD' : 'PARENT';
        const birthYear =
          relation === 'CHILD' ? rnd.int(2005, 2022) : relation === 'PARENT' ? rnd.int(1940, 1960) : rnd.int(1965, 1998);
        const adult = birthYear <= 2011;
        data.labor.members.push({
          id: rnd.uuid(),
          householdId: household.id,
          // About 1 in 23 members: derived from the position, so the seeded sequence is unchanged.
          disability: data.labor.members.length % 23 === 7,
          fullName: `${family} ${rnd.pick(female ? MIDDLE_F : MIDDLE_M)} ${rnd.pick(female ? GIVEN_F : GIVEN_M)}`.normalize(
            'NFC',
          ),
          dateOfBirth: rnd.date(`${birthYear}-01-01`, `${birthYear}-12-28`),
          sex: (female ? 'FEMALE' : 'MALE') as never,
          // CCCD: 3-digit province of birth, century-and-sex digit, 2-digit year, 6 digits.
          nationalId: adult
            ? `011${(birthYear >= 2000 ? 2 : 0) + (female ? 1 : 0)}${String(birthYear % 100).padStart(2, '0')}${String(rnd.int(0, 999_999)).padStart(6, '0')}`
            : null,
          relationToHead: relation as never,
          ethnicity,
          leftOn: null,
          leftReason: null,
        });
      }
      formerLoanDraws(rnd, category !== 'NOT_POOR');
    }
  }
  data.labor.reviews = demoReviews(data.labor.households, (options.seed ?? 20251) + 1);
  // Supports, production projects, communication products and budgets: a stream of their own.
  const programme = buildDemoProgramme(data.labor, (options.seed ?? 20251) + 3);
  Object.assign(data.labor, programme.labor);
  const { supports: productionSupports, ...agriculture } = programme.agriculture;
  data.agriculture = { productionSupports, ...agriculture };
  const { supports: informationSupports, ...culture } = programme.cultureInformation;
  data.cultureInformation = { informationSupports, ...culture };
  // The bank's network and loans: a stream of their own.
  data.socialPolicyBank = buildDemoLending(data.labor, groups, (options.seed ?? 20251) + 4, {
    provinceCode: DEMO_PROVINCE.code,
    communes: DEMO_COMMUNES,
    reservedHouseholdCodes: DEMO_PROGRAMME.showcaseHouseholdCodes,
  });
  return data;
}
