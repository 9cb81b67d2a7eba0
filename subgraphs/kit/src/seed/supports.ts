import { SUPPORT_RULES, type SupportKind } from '../program/catalogue';
import { dayFromCivil, dayOfIso, isoOfDay } from './days';
import {
  BOOKS_AS_OF,
  CANCEL_REASONS,
  deliveringOffice,
  eligible,
  indicatorsOf,
  quantityOf,
  SEED_RECORDER,
  SUPPORT_ITEMS,
  type CategoryName,
  type Offices,
  type SupportItem,
  type SupportRow,
  type SupportStatusName,
} from './programme';
import { cumulate, pickWeighted, type Random } from './random';

/*
 * The supports of one household, drawn from the household's own random stream after its
 * registry rows: this is the machinery, each agency's package holds its plan (which kinds, how
 * likely, to whom) and the generator runs the plans in the agencies' order. Every support obeys
 * SUPPORT_RULES on its dates: the household's certified category on the planned date (and the
 * delivery date) is one the kind allows, which for a seeded household means the 2024 list from
 * its certification in December 2024 and the 2025 list (with NEWLY_ESCAPED) from December 2025;
 * nutrition goes to one child under 16 on both dates, training and jobs to one working-age
 * member, everything else to the household.
 */

/** A project a support may belong to (an initiative), with its first and last days for supports. */
export interface Initiative {
  row: { id: string; programYear: number };
  startDay: number;
  lastDay: number;
}

/** What the support generator needs of a household's commune (a seeded Commune has it). */
export interface SupportCommune {
  code: string;
  province: { code: string };
  /** Day numbers of the certification of the 2024 and 2025 lists. */
  certifiedDays: readonly number[];
  offices: Offices;
  /** Project 3's production projects (agriculture's), which a support may belong to. */
  productionProjects: readonly Initiative[];
}

/** What the support generator needs of a household. */
export interface SupportHousehold {
  id: string;
  commune: SupportCommune;
  /** The category certified in December 2024 (NOT_POOR when on neither list). */
  before: CategoryName;
  /** The household's category now (from the 2025 list in December 2025). */
  now: CategoryName;
  deprivedBefore: readonly boolean[];
  deprivedNow: readonly boolean[];
  members: readonly SupportMember[];
  working: number;
}

/** What the generator needs of a member (a member row has it). */
export interface SupportMember {
  id: string;
  dateOfBirth: string;
  disability: boolean;
}

const AS_OF_DAY = dayOfIso(BOOKS_AS_OF);
/** Plans still open at the books' date are due from October 2025 to March 2026. */
const PLAN_FROM = dayFromCivil(2025, 10, 1);
const PLAN_TO = dayFromCivil(2026, 3, 31);
const CARRY_OVER_UNTIL = dayFromCivil(2025, 3, 31);

const STATUSES: readonly SupportStatusName[] = ['VERIFIED', 'DELIVERED', 'PLANNED', 'CANCELLED'];
const STATUS_WEIGHTS = cumulate([42, 36, 15, 7]);

/** How much more (or less) likely a household is to be supported, by its category now. */
const REACH: Record<CategoryName, number> = { POOR: 1, NEAR_POOR: 0.8, NEWLY_ESCAPED: 0.7, NOT_POOR: 0.5 };

export const onList = (c: CategoryName | null) => c === 'POOR' || c === 'NEAR_POOR';
export const targeted = (c: CategoryName | null) => c !== null && c !== 'NOT_POOR';

/** A stretch of days with one certified category, and the review in force then. */
export interface Period {
  from: number;
  /** Last day for deliveries (the books' date at most). */
  to: number;
  /** Last day for plans still open. */
  planTo: number;
  category: CategoryName;
  deprived: readonly boolean[];
}

/** A support to record: its kind, what is given, and constraints on its days. */
export interface Draft {
  kind: SupportKind;
  item: SupportItem;
  period: Period;
  /** First and last allowed day (a project's run, a child's years under 16). */
  lo: number;
  hi: number;
  memberId: string | null;
  initiative: Initiative | null;
}

export class HouseholdSupports {
  private count = 0;
  /** The 2024 list's stretch (to the eve of the 2025 certification) and the 2025 list's. */
  private readonly periods: Period[];

  constructor(
    readonly rnd: Random,
    readonly h: SupportHousehold,
    private readonly supportId: (n: number) => string,
    private readonly maxSupports: number,
  ) {
    const [cert2024, cert2025] = h.commune.certifiedDays as [number, number];
    this.periods = [
      { from: cert2024, to: cert2025 - 1, planTo: cert2025 - 1, category: h.before, deprived: h.deprivedBefore },
      { from: cert2025, to: AS_OF_DAY, planTo: PLAN_TO, category: h.now, deprived: h.deprivedNow },
    ];
  }

  /** A period in which `ok` holds of the category, the 2024 list's (eleven months) far more often. */
  period(ok: (c: CategoryName) => boolean): Period | null {
    const [a, b] = this.periods as [Period, Period];
    const okA = ok(a.category);
    const okB = ok(b.category);
    if (okA && okB) return this.rnd.chance(0.93) ? a : b;
    return okA ? a : okB ? b : null;
  }

  /** A member aged `min` to `max` on the period's middle day, or null. */
  member(period: Period, min: number, max: number): string | null {
    const mid = (period.from + period.to) >> 1;
    const fit = this.h.members.filter((m) => {
      const age = (mid - dayOfIso(m.dateOfBirth)) / 365.25;
      return age >= min && age <= max && !m.disability;
    });
    return fit.length ? this.rnd.pick(fit).id : null;
  }

  /** Records a support; null when no day fits its period and constraints, or the household has all its slots. */
  add(draft: Draft, list: SupportRow[]): SupportRow | null {
    if (this.count >= this.maxSupports) return null;
    const { rnd } = this;
    const { period, lo, hi, kind, item } = draft;
    const rule = SUPPORT_RULES[kind];
    if (!eligible(kind, period.category)) throw new Error(`seed: ${kind} for a ${period.category} household`);
    const from = Math.max(period.from, lo);
    const toDeliver = Math.min(period.to, hi);
    const between = (a: number, b: number) => a + Math.floor(rnd.next() * (b - a + 1));
    let status = STATUSES[pickWeighted(STATUS_WEIGHTS, rnd.next())] as SupportStatusName;
    let planned: number;
    let delivered: number | null = null;
    let verified: number | null = null;
    let cancelled: number | null = null;
    const planFrom = Math.max(from, PLAN_FROM);
    const planTo = Math.min(period.planTo, hi);
    if (status === 'PLANNED' && planFrom > planTo) status = 'DELIVERED';
    if (status === 'PLANNED') {
      planned = between(planFrom, planTo);
    } else {
      if (from > toDeliver) return null;
      if (status === 'CANCELLED') {
        planned = between(from, toDeliver);
        cancelled = Math.min(AS_OF_DAY, Math.max(from, planned + rnd.int(-20, 40)));
      } else {
        delivered = between(from, toDeliver);
        planned = Math.max(from, delivered - rnd.int(0, 40));
        if (status === 'VERIFIED') {
          verified = delivered + rnd.int(7, 90);
          if (verified > AS_OF_DAY) {
            status = 'DELIVERED';
            verified = null;
          }
        }
      }
    }
    const on = delivered ?? planned;
    const onIso = isoOfDay(on);
    const dateYear = Number(onIso.slice(0, 4));
    const programYear = draft.initiative
      ? draft.initiative.row.programYear
      : on <= CARRY_OVER_UNTIL && dateYear === 2025 && rnd.chance(0.3)
        ? 2024
        : dateYear === 2026 && rnd.chance(0.5)
          ? 2025
          : dateYear;
    const { quantity, value } = quantityOf(rnd, item);
    const row: SupportRow = {
      id: this.supportId(this.count++),
      householdId: this.h.id,
      memberId: draft.memberId,
      communeCode: this.h.commune.code,
      provinceCode: this.h.commune.province.code,
      project: rule.project,
      subProject: rule.subProject,
      kind,
      initiativeId: draft.initiative?.row.id ?? null,
      description: item.description,
      quantity,
      unit: item.unit,
      value,
      status,
      plannedOn: isoOfDay(planned),
      deliveredOn: delivered === null ? null : onIso,
      verifiedOn: verified === null ? null : isoOfDay(verified),
      cancelledOn: cancelled === null ? null : isoOfDay(cancelled),
      cancelReason: cancelled === null ? null : rnd.pick(CANCEL_REASONS[rule.project] as readonly string[]),
      deliveringOffice: deliveringOffice(this.h.commune.offices, kind, on),
      programYear,
      categoryOnDelivery: delivered === null ? null : period.category,
      deprivedOnDelivery: delivered === null ? null : indicatorsOf(period.deprived),
      attestationId: null,
      recordedBy: SEED_RECORDER,
    };
    list.push(row);
    return row;
  }

  draft(kind: SupportKind, period: Period, memberId: string | null = null, item?: SupportItem): Draft {
    return {
      kind,
      item: item ?? this.rnd.pick(SUPPORT_ITEMS[kind]),
      period,
      lo: period.from,
      hi: period.planTo,
      memberId,
      initiative: null,
    };
  }
}

/** An agency's part in a household's supports: draws from `s.rnd` and records through `s.add`. */
export type SupportPlan = (s: HouseholdSupports, reach: number) => void;

/**
 * Runs the agencies' support plans for a household, in order, the n-th support with id
 * `supportId(n)` (n < `maxSupports`, across all agencies). Draws nothing for a household on no
 * list in either year: nine in ten of them.
 */
export function generateSupports(
  rnd: Random,
  h: SupportHousehold,
  supportId: (n: number) => string,
  maxSupports: number,
  plans: readonly SupportPlan[],
): void {
  if (!targeted(h.before) && !targeted(h.now)) return;
  const reach = REACH[h.now];
  const supports = new HouseholdSupports(rnd, h, supportId, maxSupports);
  for (const plan of plans) plan(supports, reach);
}
