import { SupportKind, SUPPORT_ITEMS, type Random, type SupportItem } from '@gnbv/kit';
import type { SeededModel } from './tables';

/** Production models of Project 3, the supports each delivers, and its cost per participating household. */
export interface ModelSpec {
  model: SeededModel;
  subProject: number;
  name: string;
  /** The supports a participant gets, the first being the main one; items by description prefix. */
  kinds: readonly SupportKind[];
  /** Which item of the main kind (SUPPORT_ITEMS index). */
  mainItem: number;
  /** A rough cost per participating household, for the project's budget. */
  perHousehold: number;
}

export const MODELS: Readonly<Record<SeededModel, ModelSpec>> = {
  CATTLE_BREEDING: {
    model: 'CATTLE_BREEDING',
    subProject: 1,
    name: 'Mô hình chăn nuôi bò sinh sản',
    kinds: [SupportKind.BREEDING_ANIMALS, SupportKind.PRODUCTION_TRAINING, SupportKind.EXTENSION_ADVICE],
    mainItem: 0,
    perHousehold: 24_000_000,
  },
  PIG_BREEDING: {
    model: 'PIG_BREEDING',
    subProject: 1,
    name: 'Mô hình nuôi lợn nái sinh sản',
    kinds: [SupportKind.BREEDING_ANIMALS, SupportKind.FERTILISER, SupportKind.PRODUCTION_TRAINING],
    mainItem: 2,
    perHousehold: 8_000_000,
  },
  POULTRY: {
    model: 'POULTRY',
    subProject: 1,
    name: 'Mô hình nuôi gà thả vườn',
    kinds: [SupportKind.BREEDING_ANIMALS, SupportKind.FERTILISER, SupportKind.EXTENSION_ADVICE],
    mainItem: 4,
    perHousehold: 5_000_000,
  },
  RICE_SEED: {
    model: 'RICE_SEED',
    subProject: 1,
    name: 'Mô hình thâm canh lúa giống mới',
    kinds: [SupportKind.SEEDS, SupportKind.FERTILISER, SupportKind.EXTENSION_ADVICE],
    mainItem: 0,
    perHousehold: 4_000_000,
  },
  COFFEE: {
    model: 'COFFEE',
    subProject: 1,
    name: 'Mô hình trồng cà phê chè',
    kinds: [SupportKind.SEEDS, SupportKind.FERTILISER, SupportKind.PRODUCTION_TRAINING],
    mainItem: 2,
    perHousehold: 6_000_000,
  },
  NUTRITION_CLUB: {
    model: 'NUTRITION_CLUB',
    subProject: 2,
    name: 'Câu lạc bộ dinh dưỡng cho trẻ em',
    kinds: [SupportKind.NUTRITION_PACKAGE],
    mainItem: 0,
    perHousehold: 1_500_000,
  },
};

/** Which SUPPORT_ITEMS entry a participant of `model` gets for `kind`. */
export function modelItem(spec: ModelSpec, kind: SupportKind, rnd: Random): SupportItem {
  const items = SUPPORT_ITEMS[kind];
  if (kind === spec.kinds[0]) return items[spec.mainItem] as SupportItem;
  if (kind === SupportKind.FERTILISER && spec.model !== 'RICE_SEED' && spec.model !== 'COFFEE') return items[2] as SupportItem;
  if (kind === SupportKind.PRODUCTION_TRAINING)
    return items[spec.model === 'COFFEE' ? 1 : spec.model === 'CATTLE_BREEDING' ? 0 : 2] as SupportItem;
  return rnd.pick(items);
}
