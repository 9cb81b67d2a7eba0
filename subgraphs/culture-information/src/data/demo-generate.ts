import { dayOfIso, SEED_RECORDER, type Offices, type Random } from '@gnbv/kit';
import { COMMUNICATION_TITLES, communicationDetails } from './products';
import type { CommunicationKind, CommunicationProductRow } from './tables';

const day = (iso: string) => dayOfIso(iso);

/** A communication product of a demo commune, its audience sized for the demo's households. */
export function demoProduct(
  rnd: Random,
  commune: { code: string; provinceCode: string },
  offices: Offices,
  kind: CommunicationKind,
  households: number,
): CommunicationProductRow {
  const published = rnd.date('2024-01-01', '2025-11-30');
  const audience =
    kind === 'BROADCAST'
      ? rnd.int(150, 300)
      : kind === 'STAGED_PERFORMANCE'
        ? rnd.int(80, 250)
        : kind === 'LEAFLET'
          ? rnd.int(40, households)
          : rnd.int(50, 200);
  return {
    id: rnd.uuid(),
    communeCode: commune.code,
    provinceCode: commune.provinceCode,
    kind,
    title: rnd.pick(COMMUNICATION_TITLES[kind]),
    publishedOn: published,
    audienceReach: audience,
    programYear: Number(published.slice(0, 4)),
    ...communicationDetails(rnd, kind, audience, households, day(published), offices),
    recordedBy: SEED_RECORDER,
  };
}
