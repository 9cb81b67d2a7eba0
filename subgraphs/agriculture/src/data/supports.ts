import {
  cumulate,
  dayOfIso,
  isoOfDay,
  pickWeighted,
  SEED_RECORDER,
  sixteenthBirthday,
  SUPPORT_RULES,
  SupportKind,
  onList,
  targeted,
  type HouseholdSupports,
  type Initiative,
  type Period,
  type SupportRow,
} from '@gnbv/kit';
import { modelItem, type ModelSpec } from './models';
import type { ParticipantRow, ProductionProjectRow } from './tables';

/** A production project with its dates as day numbers, for the supports linked to it. */
export interface ProductionPlan extends Initiative {
  row: ProductionProjectRow;
  spec: ModelSpec;
  startDay: number;
  /** Its last day for supports: its end, and at most the end of the year after its programme year. */
  lastDay: number;
}

const PRODUCTION_KINDS = [
  SupportKind.BREEDING_ANIMALS,
  SupportKind.SEEDS,
  SupportKind.FERTILISER,
  SupportKind.PRODUCTION_TRAINING,
  SupportKind.EXTENSION_ADVICE,
] as const;
const PRODUCTION_WEIGHTS = cumulate([35, 20, 20, 15, 10]);

/** The household joins a production project on or before its first support's planned day. */
function join(
  s: HouseholdSupports,
  out: { participants: ParticipantRow[] },
  plan: ProductionPlan,
  period: Period,
  firstPlanned: number,
): void {
  const joined = Math.max(period.from, plan.startDay, firstPlanned - s.rnd.int(0, 20));
  out.participants.push({
    projectId: plan.row.id,
    householdId: s.h.id,
    joinedOn: isoOfDay(joined),
    leftOn: null,
    attestationId: null,
    categoryOnJoining: period.category,
    recordedBy: SEED_RECORDER,
  });
}

/**
 * Agriculture's supports of a household, one of the plans the kit's generateSupports runs:
 * production (3.1), often through one of the commune's production projects, and nutrition (3.2).
 */
export function agricultureSupports(
  s: HouseholdSupports,
  reach: number,
  out: { agricultureSupports: SupportRow[]; participants: ParticipantRow[] },
): void {
  const { rnd, h } = s;
  const list = out.agricultureSupports;
  if (rnd.chance(0.3 * reach)) {
    const p = s.period(targeted);
    if (p) {
      const open = (h.commune.productionProjects as readonly ProductionPlan[]).filter(
        (pp) => pp.spec.subProject === 1 && pp.startDay <= Math.min(p.to, pp.lastDay) && pp.lastDay >= p.from,
      );
      if (open.length && rnd.chance(0.6)) {
        const plan = rnd.pick(open);
        const kinds = plan.spec.kinds.filter((k, i) => i === 0 || rnd.chance(0.4));
        let first: number | null = null;
        for (const kind of kinds) {
          const trainee = SUPPORT_RULES[kind].recipient === 'member' ? s.member(p, 18, 60) : null;
          if (SUPPORT_RULES[kind].recipient === 'member' && !trainee) continue;
          const draft = s.draft(kind, p, trainee, modelItem(plan.spec, kind, rnd));
          draft.lo = Math.max(draft.lo, plan.startDay);
          draft.hi = Math.min(draft.hi, plan.lastDay);
          draft.initiative = plan;
          const row = s.add(draft, list);
          if (row) first = Math.min(first ?? Infinity, dayOfIso(row.plannedOn));
        }
        if (first !== null) join(s, out, plan, p, first);
      } else {
        for (let n = rnd.chance(0.3) ? 2 : 1; n > 0; n--) {
          const kind = PRODUCTION_KINDS[pickWeighted(PRODUCTION_WEIGHTS, rnd.next())] as SupportKind;
          const trainee = kind === SupportKind.PRODUCTION_TRAINING ? s.member(p, 18, 60) : null;
          if (kind === SupportKind.PRODUCTION_TRAINING && !trainee) continue;
          s.add(s.draft(kind, p, trainee), list);
        }
      }
    }
  }
  // Nutrition: one package per child under 16 (up to two), for the poor and near-poor,
  // mostly where a child is stunted or underweight (indicator 3).
  const p = s.period(onList);
  if (!p || !rnd.chance((p.deprived[2] ? 0.5 : 0.15) * reach)) return;
  const children = h.members.filter((m) => dayOfIso(m.dateOfBirth) <= p.to && sixteenthBirthday(m.dateOfBirth) > p.from);
  if (!children.length) return;
  const club = (h.commune.productionProjects as readonly ProductionPlan[]).find(
    (pp) => pp.spec.subProject === 2 && pp.startDay <= p.to && pp.lastDay >= p.from,
  );
  const inClub = club !== undefined && rnd.chance(0.7);
  let first: number | null = null;
  for (const child of children.slice(0, 2)) {
    const draft = s.draft(SupportKind.NUTRITION_PACKAGE, p, child.id);
    draft.lo = Math.max(draft.lo, dayOfIso(child.dateOfBirth));
    // Under 16 on every date of the support: the day before the 16th birthday at the latest.
    draft.hi = Math.min(draft.hi, sixteenthBirthday(child.dateOfBirth) - 1);
    if (inClub && club) {
      draft.lo = Math.max(draft.lo, club.startDay);
      draft.hi = Math.min(draft.hi, club.lastDay);
      draft.initiative = club;
    }
    const row = s.add(draft, list);
    if (row && inClub) first = Math.min(first ?? Infinity, dayOfIso(row.plannedOn));
  }
  if (club && first !== null) join(s, out, club, p, first);
}
