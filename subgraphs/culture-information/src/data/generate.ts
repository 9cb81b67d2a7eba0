import { cumulate, dayFromCivil, isoOfDay, pickWeighted, SEED_RECORDER, type Offices, type Random } from '@gnbv/kit';
import { COMMUNICATION_TITLES, communicationDetails } from './products';
import type { CommunicationKind, CommunicationProductRow } from './tables';

const PRODUCT_KINDS: readonly CommunicationKind[] = ['BROADCAST', 'LEAFLET', 'STAGED_PERFORMANCE', 'PUBLIC_INFORMATION_POINT'];
const PRODUCT_KIND_WEIGHTS = cumulate([40, 25, 15, 20]);

/**
 * A seeded commune's communication products of 2024 and 2025: more in towns; a broadcast reaches
 * more people than the commune has households, the rest a few hundred to a few thousand.
 */
export function communeProducts(
  rnd: Random,
  /** The id of the commune's k-th product. */
  productId: (k: number) => string,
  commune: { code: string; provinceCode: string; urban: boolean; households: number; offices: Offices },
): CommunicationProductRow[] {
  const products: CommunicationProductRow[] = [];
  const from = dayFromCivil(2024, 1, 1);
  const to = dayFromCivil(2025, 11, 30);
  const count = commune.urban ? rnd.int(6, 14) : rnd.int(4, 10);
  for (let k = 0; k < count; k++) {
    const kind = PRODUCT_KINDS[pickWeighted(PRODUCT_KIND_WEIGHTS, rnd.next())] as CommunicationKind;
    const reach =
      kind === 'BROADCAST'
        ? rnd.int(Math.floor(commune.households * 1.5), commune.households * 3)
        : kind === 'LEAFLET'
          ? rnd.int(100, 1_500)
          : kind === 'STAGED_PERFORMANCE'
            ? rnd.int(150, 800)
            : rnd.int(200, 3_000);
    const published = from + Math.floor(rnd.next() * (to - from + 1));
    products.push({
      id: productId(k),
      communeCode: commune.code,
      provinceCode: commune.provinceCode,
      kind,
      title: rnd.pick(COMMUNICATION_TITLES[kind]),
      publishedOn: isoOfDay(published),
      audienceReach: reach,
      programYear: Number(isoOfDay(published).slice(0, 4)),
      ...communicationDetails(rnd, kind, reach, commune.households, published, commune.offices),
      recordedBy: SEED_RECORDER,
    });
  }
  return products;
}
