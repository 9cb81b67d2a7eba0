import type { ParticipantRow } from '@gnbv/agriculture';
import { mix, Random, type CategoryName, type Row, type SupportRow } from '@gnbv/kit';
import { generateRegistryHousehold, type Household, type Member, type PovertyReview } from '@gnbv/labor';
import {
  generateLending,
  type InstalmentRow,
  type LendingIds,
  type LoanRow,
  type PurposeCheckRow,
  type RepaymentRow,
  type SavingsGroupMemberRow,
} from '@gnbv/social-policy-bank';
import { communeOf, type Geography } from './geography';
import { BANK_SLOT, bankRow, householdRow, rowUuid, SLOT } from './ids';
import { generateSupports } from './supports';

/*
 * Households, one at a time, each from its own random stream (seeded by the data set's seed and
 * the household's index): a chunk is the same rows whatever the chunk size, and chunks can be
 * generated in any order. Everything a household has in the four agencies comes with it: its
 * registry rows (labor's generator), then each agency's supports, then its lending (the bank's).
 */

/** The rows of a range of households, per agency and table. */
export interface ChunkRows {
  households: Row<Household>[];
  members: Row<Member>[];
  reviews: Row<PovertyReview>[];
  /** Projects 2, 4 and 5 (labor's database). */
  laborSupports: SupportRow[];
  /** Project 3 (agriculture's), and the households' places in its production projects. */
  agricultureSupports: SupportRow[];
  participants: ParticipantRow[];
  /** Project 6 information access (its agency's database). */
  cultureSupports: SupportRow[];
  /** The bank's (social-policy-bank's): memberships of savings groups, loans and their movements. */
  memberships: SavingsGroupMemberRow[];
  loans: LoanRow[];
  instalments: InstalmentRow[];
  repayments: RepaymentRow[];
  purposeChecks: PurposeCheckRow[];
}

/** Appends the rows of household `h` (global index) to `out`. */
function generateHousehold(geography: Geography, h: number, out: ChunkRows): void {
  const commune = communeOf(geography, h);
  const rnd = new Random(mix(geography.seed, h));
  const { seedHash } = geography;
  const id = rowUuid(seedHash, householdRow(h, SLOT.household));
  const leads = commune.leaders.get(h) ?? null;
  const registry = generateRegistryHousehold(rnd, geography.seed, commune, h, leads, {
    household: id,
    member: (m) => rowUuid(seedHash, householdRow(h, SLOT.member + m)),
    review: (k) => rowUuid(seedHash, householdRow(h, SLOT.review + k)),
  });
  const { category, deprivedBefore, deprivedNow, working, urban, village } = registry;
  out.members.push(...registry.members);
  out.reviews.push(...registry.reviews);
  out.households.push(registry.household);

  // Supports from each agency's plan, as the lists allowed on their dates: only for households
  // on a list in 2024 or targeted now (one in ten).
  if (registry.targeted || registry.listedBefore) {
    generateSupports(
      rnd,
      {
        id,
        commune,
        before: registry.before,
        now: category as CategoryName,
        deprivedBefore,
        deprivedNow,
        members: registry.members,
        working,
      },
      (n) => rowUuid(seedHash, householdRow(h, SLOT.support + n)),
      out,
    );
  }

  // VBSP: membership of the village's savings group for most listed households, loans under the
  // bank's rules for some, clean-water loans for some of those without clean water or a latrine.
  const ids: LendingIds = {
    membership: (n) => rowUuid(seedHash, bankRow(h, BANK_SLOT.membership + n)),
    loan: (n) => {
      if (n >= SLOT.support - SLOT.loan) throw new RangeError(`household ${h}: more than ${SLOT.support - SLOT.loan} loans`);
      return rowUuid(seedHash, householdRow(h, SLOT.loan + n));
    },
    repayment: (loan, n) => rowUuid(seedHash, bankRow(h, BANK_SLOT.loans + loan * BANK_SLOT.loanBlock + n)),
    check: (loan, n) => rowUuid(seedHash, bankRow(h, BANK_SLOT.loans + loan * BANK_SLOT.loanBlock + BANK_SLOT.checks + n)),
  };
  generateLending(
    rnd,
    {
      id,
      lists: registry.reviews.map((r) => ({
        year: r.year,
        classification: r.classification as string,
        certifiedOn: r.certifiedOn as string,
      })),
      villageIndex: commune.villages.indexOf(village),
      waterNeed: !urban && ((deprivedNow[8] as boolean) || (deprivedNow[9] as boolean)),
      leads,
    },
    commune.lending,
    geography.programmes,
    ids,
    out,
  );
}

/** Households [from, to) of the data set, as rows per table. Pure: the same arguments, the same rows. */
export function generateHouseholds(geography: Geography, from: number, to: number): ChunkRows {
  if (!(Number.isSafeInteger(from) && Number.isSafeInteger(to) && from >= 0 && from <= to && to <= geography.households)) {
    throw new RangeError(`households [${from}, ${to}) are not within [0, ${geography.households})`);
  }
  const out: ChunkRows = {
    households: [],
    members: [],
    reviews: [],
    laborSupports: [],
    agricultureSupports: [],
    participants: [],
    cultureSupports: [],
    memberships: [],
    loans: [],
    instalments: [],
    repayments: [],
    purposeChecks: [],
  };
  for (let h = from; h < to; h++) generateHousehold(geography, h, out);
  return out;
}

/** Chunk `index` of `chunkSize` households (the last one may be shorter). */
export function generateChunk(geography: Geography, index: number, chunkSize: number): ChunkRows {
  const from = index * chunkSize;
  return generateHouseholds(geography, from, Math.min(geography.households, from + chunkSize));
}
