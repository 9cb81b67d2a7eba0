import { dayFromCivil, isoOfDay, type Random } from '@gnbv/kit';
import {
  ORGANISATIONS,
  type EntrustingOrganisationName,
  type LendingCommune,
  type SavingsGroupRow,
  type TransactionPointRow,
} from './lending';

const randomDay = (rnd: Random, from: number, to: number) => isoOfDay(from + Math.floor(rnd.next() * (to - from + 1)));
/** "Xã Mường Nhé" → "xã Mường Nhé", inside a longer name. */
const inName = (unitName: string) => unitName.charAt(0).toLowerCase() + unitName.slice(1);
const FOUNDED_FROM = dayFromCivil(2005, 1, 1);
const FOUNDED_TO = dayFromCivil(2019, 12, 31);
const INSPECTED_FROM = dayFromCivil(2025, 3, 1);
const INSPECTED_TO = dayFromCivil(2025, 11, 30);

/** The bank in a seeded commune: its transaction point, its savings groups and their leaders, what lending reads of them. */
export interface CommuneNetwork {
  transactionPoint: TransactionPointRow;
  savingsGroups: SavingsGroupRow[];
  /** What the lending generator needs of the commune: its groups, meeting day, inspection. */
  lending: LendingCommune;
  /** The households (global index) leading a savings group, with the group's index. */
  leaders: ReadonlyMap<number, number>;
}

/**
 * The bank's network in a seeded commune, drawn from `brnd` (a stream of its own): a
 * transaction point, `groupCount` savings groups entrusted to the organisations from `firstOrg`
 * on, each led by one of the commune's households (global indexes from `firstHousehold`) and
 * named after a village, and maybe an inspection of its loans in 2025.
 */
export function communeNetwork(
  brnd: Random,
  commune: {
    code: string;
    name: string;
    provinceCode: string;
    villages: readonly { name: string }[];
    firstHousehold: number;
    households: number;
  },
  groupCount: number,
  firstOrg: number,
  ids: { transactionPoint: string; group: (g: number) => string; household: (index: number) => string },
): CommuneNetwork {
  const transactionPoint: TransactionPointRow = {
    id: ids.transactionPoint,
    communeCode: commune.code,
    provinceCode: commune.provinceCode,
    name: `Điểm giao dịch ${inName(commune.name)}`,
    place: brnd.chance(0.7)
      ? `Hội trường UBND ${inName(commune.name)}`
      : `Nhà văn hóa ${(commune.villages[0] as { name: string }).name}`,
    meetingDay: brnd.int(5, 25),
  };
  const leaders = new Map<number, number>();
  const savingsGroups = Array.from({ length: groupCount }, (_, g): SavingsGroupRow => {
    const [org, orgName] = ORGANISATIONS[(firstOrg + g) % ORGANISATIONS.length] as [EntrustingOrganisationName, string];
    let leader = commune.firstHousehold + brnd.int(0, commune.households - 1);
    while (leaders.has(leader)) leader = commune.firstHousehold + ((leader - commune.firstHousehold + 1) % commune.households);
    leaders.set(leader, g);
    const village = (commune.villages[g % commune.villages.length] as { name: string }).name;
    return {
      id: ids.group(g),
      code: `${commune.code}-TK${g + 1}`,
      name: `Tổ TK&VV ${village} (${orgName})`,
      communeCode: commune.code,
      provinceCode: commune.provinceCode,
      entrustedTo: org,
      village,
      leaderHouseholdId: ids.household(leader),
      foundedOn: randomDay(brnd, FOUNDED_FROM, FOUNDED_TO),
      transactionPointId: transactionPoint.id,
    };
  });
  const inspectedOn = brnd.chance(0.5) ? randomDay(brnd, INSPECTED_FROM, INSPECTED_TO) : null;
  return {
    transactionPoint,
    savingsGroups,
    lending: { groups: savingsGroups, meetingDay: transactionPoint.meetingDay, inspectedOn },
    leaders,
  };
}
