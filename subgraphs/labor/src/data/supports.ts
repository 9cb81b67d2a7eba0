import { onList, SupportKind, targeted, type HouseholdSupports, type SupportRow } from '@gnbv/kit';

/**
 * Labor's supports of a household, one of the plans the kit's generateSupports runs: livelihoods
 * (2), vocational training and jobs (4), housing (5).
 */
export function laborSupports(s: HouseholdSupports, reach: number, out: { laborSupports: SupportRow[] }): void {
  const { rnd, h } = s;
  const list = out.laborSupports;
  if (h.working > 0 && rnd.chance(0.12 * reach)) {
    const p = s.period(targeted);
    if (p) s.add(s.draft(rnd.chance(0.5) ? SupportKind.START_UP_CAPITAL : SupportKind.LIVELIHOOD_MODEL, p), list);
  }
  if (rnd.chance(0.12 * reach)) {
    const p = s.period(targeted);
    if (p) {
      const both = rnd.chance(0.2);
      if (both || rnd.chance(0.65)) {
        const trainee = s.member(p, 16, 45);
        if (trainee) s.add(s.draft(SupportKind.VOCATIONAL_TRAINING, p, trainee), list);
      }
      if (both || rnd.chance(0.35)) {
        const worker = s.member(p, 18, 40);
        if (worker) s.add(s.draft(SupportKind.JOB_PLACEMENT, p, worker), list);
      }
    }
  }
  // Housing for the poor and near-poor, mostly where the house is not durable (indicator 7).
  const p = s.period(onList);
  if (p) {
    const flimsy = p.deprived[6] as boolean;
    if (rnd.chance(flimsy ? 0.3 * reach : 0.02)) {
      const kind = flimsy && (p.deprived[7] || rnd.chance(0.4)) ? SupportKind.HOUSE_NEW_BUILD : SupportKind.HOUSE_REPAIR;
      s.add(s.draft(kind, p), list);
    }
  }
}
