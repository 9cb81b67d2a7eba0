import { cumulate, dayFromCivil, isoOfDay, pickWeighted, REFORM_DAY, SEED_RECORDER, type Offices, type Random } from '@gnbv/kit';
import { MODELS } from './models';
import type { ProductionPlan } from './supports';
import type { ProductionProjectRow, SeededModel as ProductionModel } from './tables';

/** Production models a commune runs: livestock and crops in the countryside, small livestock in towns. */
const RURAL_MODELS: readonly ProductionModel[] = ['CATTLE_BREEDING', 'PIG_BREEDING', 'POULTRY', 'RICE_SEED', 'COFFEE'];
const RURAL_MODEL_WEIGHTS = cumulate([30, 20, 20, 15, 15]);
const URBAN_MODELS: readonly ProductionModel[] = ['POULTRY', 'PIG_BREEDING'];

/**
 * A commune's production projects: in the countryside maybe one from the 2024 programme
 * (started late in 2024, its supports delivered in 2025) and one to three of 2025's, and in
 * half the communes a nutrition club (sub-project 2); in towns at most one small-livestock
 * model and, now and then, a nutrition club. Budgets from the households expected to take part.
 */
export function communeProductionPlans(
  rnd: Random,
  /** The id of the commune's k-th production project. */
  projectId: (k: number) => string,
  commune: {
    code: string;
    name: string;
    provinceCode: string;
    urban: boolean;
    households: number;
    targetedShare: number;
    offices: Offices;
  },
): ProductionPlan[] {
  const plans: { model: ProductionModel; year: number }[] = [];
  if (commune.urban) {
    if (rnd.chance(0.5)) plans.push({ model: rnd.pick(URBAN_MODELS), year: 2025 });
    if (rnd.chance(0.2)) plans.push({ model: 'NUTRITION_CLUB', year: 2025 });
  } else {
    if (rnd.chance(0.6))
      plans.push({ model: RURAL_MODELS[pickWeighted(RURAL_MODEL_WEIGHTS, rnd.next())] as ProductionModel, year: 2024 });
    for (let k = rnd.int(1, 3); k > 0; k--)
      plans.push({ model: RURAL_MODELS[pickWeighted(RURAL_MODEL_WEIGHTS, rnd.next())] as ProductionModel, year: 2025 });
    if (rnd.chance(0.5)) plans.push({ model: 'NUTRITION_CLUB', year: 2025 });
  }
  const production = plans.filter((p) => p.model !== 'NUTRITION_CLUB').length;
  const where = commune.name.charAt(0).toLowerCase() + commune.name.slice(1);
  return plans.map(({ model, year }, k) => {
    const spec = MODELS[model];
    const startDay =
      year === 2024
        ? dayFromCivil(2024, 10, 1) + rnd.int(0, 80)
        : dayFromCivil(2025, 2, 1) + rnd.int(0, model === 'NUTRITION_CLUB' ? 60 : 150);
    const endDay = rnd.chance(0.2) ? null : startDay + rnd.int(365, 640);
    // About a fifth of the targeted households take part in some production project, a tenth in the club.
    const participants =
      commune.households * commune.targetedShare * (model === 'NUTRITION_CLUB' ? 0.1 : 0.2 / Math.max(1, production));
    const row: ProductionProjectRow = {
      id: projectId(k),
      code: `DA3-${commune.code}-${year}-${String(k + 1).padStart(2, '0')}`,
      name: `${spec.name} ${where} năm ${year}`,
      model,
      communeCode: commune.code,
      provinceCode: commune.provinceCode,
      subProject: spec.subProject,
      programYear: year,
      startsOn: isoOfDay(startDay),
      endsOn: endDay === null ? null : isoOfDay(endDay),
      budget: Math.max(10_000_000, Math.round((participants * spec.perHousehold) / 1_000_000) * 1_000_000),
      leadOffice:
        model === 'NUTRITION_CLUB'
          ? commune.offices.health
          : startDay >= REFORM_DAY
            ? commune.offices.economic
            : commune.offices.committee,
      description:
        model === 'NUTRITION_CLUB'
          ? 'Tư vấn dinh dưỡng, hỗ trợ gói dinh dưỡng cho trẻ em dưới 16 tuổi của hộ nghèo, hộ cận nghèo'
          : `Hỗ trợ hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo tham gia ${spec.name.charAt(0).toLowerCase()}${spec.name.slice(1)}`,
      recordedBy: SEED_RECORDER,
    };
    const lastOfYearAfter = dayFromCivil(year + 1, 12, 31);
    return { row, spec, startDay, lastDay: endDay === null ? lastOfYearAfter : Math.min(endDay, lastOfYearAfter) };
  });
}
