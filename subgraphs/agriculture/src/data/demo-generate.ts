import { dayFromCivil, dayOfIso, REFORM_DAY, SEED_RECORDER, type Offices, type Random } from '@gnbv/kit';
import { MODELS } from './models';
import type { ProductionPlan } from './supports';
import type { SeededModel as ProductionModel } from './tables';

const day = (iso: string) => dayOfIso(iso);

/** A production project of a demo commune: its id drawn from `rnd`, its budget set once its supports are known (0 here). */
export function demoProductionPlan(
  rnd: Random,
  commune: { code: string; name: string; provinceCode: string },
  offices: Offices,
  model: ProductionModel,
  year: number,
  startsOn: string,
  endsOn: string | null,
  k: number,
): ProductionPlan {
  const spec = MODELS[model];
  const startDay = day(startsOn);
  const where = commune.name.charAt(0).toLowerCase() + commune.name.slice(1);
  const lastOfYearAfter = dayFromCivil(year + 1, 12, 31);
  return {
    spec,
    startDay,
    lastDay: endsOn === null ? lastOfYearAfter : Math.min(day(endsOn), lastOfYearAfter),
    row: {
      id: rnd.uuid(),
      code: `DA3-${commune.code}-${year}-${String(k + 1).padStart(2, '0')}`,
      name: `${spec.name} ${where} năm ${year}`,
      model,
      communeCode: commune.code,
      provinceCode: commune.provinceCode,
      subProject: spec.subProject,
      programYear: year,
      startsOn,
      endsOn,
      budget: 0,
      leadOffice: model === 'NUTRITION_CLUB' ? offices.health : startDay >= REFORM_DAY ? offices.economic : offices.committee,
      description:
        model === 'NUTRITION_CLUB'
          ? 'Tư vấn dinh dưỡng, hỗ trợ gói dinh dưỡng cho trẻ em dưới 16 tuổi của hộ nghèo, hộ cận nghèo'
          : `Hỗ trợ hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo tham gia ${spec.name.charAt(0).toLowerCase()}${spec.name.slice(1)}`,
      recordedBy: SEED_RECORDER,
    },
  };
}
