import { modelItem, type ParticipantRow } from '@gnbv/agriculture';
import {
  BOOKS_AS_OF,
  CANCEL_REASONS,
  dayFromCivil,
  dayOfIso,
  deliveringOffice,
  eligible,
  indicatorsOf,
  isoOfDay,
  quantityOf,
  SEED_RECORDER,
  sixteenthBirthday,
  SUPPORT_ITEMS,
  SUPPORT_RULES,
  SupportKind,
  type CategoryName,
  type Offices,
  type Random,
  type SupportItem,
  type SupportRow,
  type SupportStatusName,
} from '@gnbv/kit';
import type { ProductionPlan } from './geography';
import { cumulate, MAX_SUPPORTS, pickWeighted } from './ids';

/*
 * The supports of one household from labor (projects 2, 4, 5), agriculture (3) and
 * culture-information (6, information access), drawn from the household's own random stream after its registry
 * rows. Every support obeys SUPPORT_RULES on its dates: the household's certified category on
 * the planned date (and the delivery date) is one the kind allows, which for a seeded household
 * means the 2024 list from its certification in December 2024 and the 2025 list (with
 * NEWLY_ESCAPED) from December 2025; nutrition goes to one child under 16 on both dates,
 * training and jobs to one working-age member, everything else to the household.
 */

/** What the support generator needs of a household's commune (a seeded Commune has it). */
export interface SupportCommune {
  code: string;
  province: { code: string };
  /** Day numbers of the certification of the 2024 and 2025 lists. */
  certifiedDays: readonly number[];
  offices: Offices;
  productionProjects: readonly ProductionPlan[];
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

/** Where the generated rows go. */
export interface SupportRows {
  laborSupports: SupportRow[];
  agricultureSupports: SupportRow[];
  cultureSupports: SupportRow[];
  participants: ParticipantRow[];
}

const AS_OF_DAY = dayOfIso(BOOKS_AS_OF);
/** Plans still open at the books' date are due from October 2025 to March 2026. */
const PLAN_FROM = dayFromCivil(2025, 10, 1);
const PLAN_TO = dayFromCivil(2026, 3, 31);
const CARRY_OVER_UNTIL = dayFromCivil(2025, 3, 31);

const STATUSES: readonly SupportStatusName[] = ['VERIFIED', 'DELIVERED', 'PLANNED', 'CANCELLED'];
const STATUS_WEIGHTS = cumulate([42, 36, 15, 7]);

const PRODUCTION_KINDS = [
  SupportKind.BREEDING_ANIMALS,
  SupportKind.SEEDS,
  SupportKind.FERTILISER,
  SupportKind.PRODUCTION_TRAINING,
  SupportKind.EXTENSION_ADVICE,
] as const;
const PRODUCTION_WEIGHTS = cumulate([35, 20, 20, 15, 10]);

/** How much more (or less) likely a household is to be supported, by its category now. */
const REACH: Record<CategoryName, number> = { POOR: 1, NEAR_POOR: 0.8, NEWLY_ESCAPED: 0.7, NOT_POOR: 0.5 };

const onList = (c: CategoryName | null) => c === 'POOR' || c === 'NEAR_POOR';
const targeted = (c: CategoryName | null) => c !== null && c !== 'NOT_POOR';

/** A stretch of days with one certified category, and the review in force then. */
interface Period {
  from: number;
  /** Last day for deliveries (the books' date at most). */
  to: number;
  /** Last day for plans still open. */
  planTo: number;
  category: CategoryName;
  deprived: readonly boolean[];
}

/** A support to record: its kind, what is given, and constraints on its days. */
interface Draft {
  kind: SupportKind;
  item: SupportItem;
  period: Period;
  /** First and last allowed day (a project's run, a child's years under 16). */
  lo: number;
  hi: number;
  memberId: string | null;
  initiative: ProductionPlan | null;
}

class HouseholdSupports {
  private count = 0;
  /** The 2024 list's stretch (to the eve of the 2025 certification) and the 2025 list's. */
  private readonly periods: Period[];

  constructor(
    private readonly rnd: Random,
    private readonly h: SupportHousehold,
    private readonly supportId: (n: number) => string,
    private readonly out: SupportRows,
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
    if (this.count >= MAX_SUPPORTS) return null;
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

  /** The household joins a production project on or before its first support's planned day. */
  join(plan: ProductionPlan, period: Period, firstPlanned: number): void {
    const joined = Math.max(period.from, plan.startDay, firstPlanned - this.rnd.int(0, 20));
    this.out.participants.push({
      projectId: plan.row.id,
      householdId: this.h.id,
      joinedOn: isoOfDay(joined),
      leftOn: null,
      attestationId: null,
      categoryOnJoining: period.category,
      recordedBy: SEED_RECORDER,
    });
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

  // Labor: livelihoods (2), vocational training and jobs (4), housing (5).
  labor(reach: number): void {
    const { rnd, h } = this;
    const list = this.out.laborSupports;
    if (h.working > 0 && rnd.chance(0.12 * reach)) {
      const p = this.period(targeted);
      if (p) this.add(this.draft(rnd.chance(0.5) ? SupportKind.START_UP_CAPITAL : SupportKind.LIVELIHOOD_MODEL, p), list);
    }
    if (rnd.chance(0.12 * reach)) {
      const p = this.period(targeted);
      if (p) {
        const both = rnd.chance(0.2);
        if (both || rnd.chance(0.65)) {
          const trainee = this.member(p, 16, 45);
          if (trainee) this.add(this.draft(SupportKind.VOCATIONAL_TRAINING, p, trainee), list);
        }
        if (both || rnd.chance(0.35)) {
          const worker = this.member(p, 18, 40);
          if (worker) this.add(this.draft(SupportKind.JOB_PLACEMENT, p, worker), list);
        }
      }
    }
    // Housing for the poor and near-poor, mostly where the house is not durable (indicator 7).
    const p = this.period(onList);
    if (p) {
      const flimsy = p.deprived[6] as boolean;
      if (rnd.chance(flimsy ? 0.3 * reach : 0.02)) {
        const kind = flimsy && (p.deprived[7] || rnd.chance(0.4)) ? SupportKind.HOUSE_NEW_BUILD : SupportKind.HOUSE_REPAIR;
        this.add(this.draft(kind, p), list);
      }
    }
  }

  // Agriculture: production (3.1), often through one of the commune's production projects, and nutrition (3.2).
  agriculture(reach: number): void {
    const { rnd, h } = this;
    const list = this.out.agricultureSupports;
    if (rnd.chance(0.3 * reach)) {
      const p = this.period(targeted);
      if (p) {
        const open = h.commune.productionProjects.filter(
          (pp) => pp.spec.subProject === 1 && pp.startDay <= Math.min(p.to, pp.lastDay) && pp.lastDay >= p.from,
        );
        if (open.length && rnd.chance(0.6)) {
          const plan = rnd.pick(open);
          const kinds = plan.spec.kinds.filter((k, i) => i === 0 || rnd.chance(0.4));
          let first: number | null = null;
          for (const kind of kinds) {
            const trainee = SUPPORT_RULES[kind].recipient === 'member' ? this.member(p, 18, 60) : null;
            if (SUPPORT_RULES[kind].recipient === 'member' && !trainee) continue;
            const draft = this.draft(kind, p, trainee, modelItem(plan.spec, kind, rnd));
            draft.lo = Math.max(draft.lo, plan.startDay);
            draft.hi = Math.min(draft.hi, plan.lastDay);
            draft.initiative = plan;
            const row = this.add(draft, list);
            if (row) first = Math.min(first ?? Infinity, dayOfIso(row.plannedOn));
          }
          if (first !== null) this.join(plan, p, first);
        } else {
          for (let s = rnd.chance(0.3) ? 2 : 1; s > 0; s--) {
            const kind = PRODUCTION_KINDS[pickWeighted(PRODUCTION_WEIGHTS, rnd.next())] as SupportKind;
            const trainee = kind === SupportKind.PRODUCTION_TRAINING ? this.member(p, 18, 60) : null;
            if (kind === SupportKind.PRODUCTION_TRAINING && !trainee) continue;
            this.add(this.draft(kind, p, trainee), list);
          }
        }
      }
    }
    // Nutrition: one package per child under 16 (up to two), for the poor and near-poor,
    // mostly where a child is stunted or underweight (indicator 3).
    const p = this.period(onList);
    if (!p || !rnd.chance((p.deprived[2] ? 0.5 : 0.15) * reach)) return;
    const children = h.members.filter((m) => dayOfIso(m.dateOfBirth) <= p.to && sixteenthBirthday(m.dateOfBirth) > p.from);
    if (!children.length) return;
    const club = h.commune.productionProjects.find(
      (pp) => pp.spec.subProject === 2 && pp.startDay <= p.to && pp.lastDay >= p.from,
    );
    const inClub = club !== undefined && rnd.chance(0.7);
    let first: number | null = null;
    for (const child of children.slice(0, 2)) {
      const draft = this.draft(SupportKind.NUTRITION_PACKAGE, p, child.id);
      draft.lo = Math.max(draft.lo, dayOfIso(child.dateOfBirth));
      // Under 16 on every date of the support: the day before the 16th birthday at the latest.
      draft.hi = Math.min(draft.hi, sixteenthBirthday(child.dateOfBirth) - 1);
      if (inClub && club) {
        draft.lo = Math.max(draft.lo, club.startDay);
        draft.hi = Math.min(draft.hi, club.lastDay);
        draft.initiative = club;
      }
      const row = this.add(draft, list);
      if (row && inClub) first = Math.min(first ?? Infinity, dayOfIso(row.plannedOn));
    }
    if (club && first !== null) this.join(club, p, first);
  }

  // Culture-information: devices and connections (Project 6 information access), mostly where the latest review found the
  // household without telecom (11) or devices (12); a few elsewhere, as happens.
  culture(reach: number): void {
    const { rnd } = this;
    const p = this.period(targeted);
    if (!p) return;
    const noTelecom = p.deprived[10] as boolean;
    const noDevices = p.deprived[11] as boolean;
    if (!rnd.chance(noTelecom || noDevices ? 0.4 : 0.03 * reach)) return;
    const kind = noDevices
      ? rnd.pick([SupportKind.TELEVISION, SupportKind.RADIO, SupportKind.PHONE, SupportKind.PHONE])
      : noTelecom
        ? rnd.pick([SupportKind.INTERNET_ACCESS, SupportKind.PHONE])
        : rnd.pick([SupportKind.PHONE, SupportKind.TELEVISION, SupportKind.INTERNET_ACCESS]);
    this.add(this.draft(kind, p), this.out.cultureSupports);
    if (kind === SupportKind.PHONE && noTelecom && rnd.chance(0.3))
      this.add(this.draft(SupportKind.INTERNET_ACCESS, p), this.out.cultureSupports);
  }
}

/**
 * Appends the supports (and production-project participations) of a household to `out`, the
 * n-th support with id `supportId(n)` (n < MAX_SUPPORTS). Draws nothing for a household on no
 * list in either year: nine in ten of them.
 */
export function generateSupports(rnd: Random, h: SupportHousehold, supportId: (n: number) => string, out: SupportRows): void {
  if (!targeted(h.before) && !targeted(h.now)) return;
  const reach = REACH[h.now];
  const supports = new HouseholdSupports(rnd, h, supportId, out);
  supports.labor(reach);
  supports.agriculture(reach);
  supports.culture(reach);
}
