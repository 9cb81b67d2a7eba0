import type { ParticipantRow } from '@gnbv/agriculture';
import { generateSupports as runSupportPlans, type Random, type SupportHousehold, type SupportRow } from '@gnbv/kit';
import { AGENCY_DATA } from './agencies';
import { MAX_SUPPORTS } from './ids';

export type { SupportCommune, SupportHousehold } from '@gnbv/kit';

/** Where the generated rows go: the lists the agencies' support plans fill. */
export interface SupportRows {
  laborSupports: SupportRow[];
  agricultureSupports: SupportRow[];
  cultureSupports: SupportRow[];
  participants: ParticipantRow[];
}

/**
 * Appends the supports (and production-project participations) of a household to `out`: each
 * agency's plan in turn, the n-th support with id `supportId(n)` (n < MAX_SUPPORTS, across them).
 */
export function generateSupports(rnd: Random, h: SupportHousehold, supportId: (n: number) => string, out: SupportRows): void {
  runSupportPlans(
    rnd,
    h,
    supportId,
    MAX_SUPPORTS,
    AGENCY_DATA.flatMap((a) => {
      const plan = a.seed.supports;
      return plan ? [(s: Parameters<typeof plan>[0], reach: number) => plan(s, reach, out as never)] : [];
    }),
  );
}
