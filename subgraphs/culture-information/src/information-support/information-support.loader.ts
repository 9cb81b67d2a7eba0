import type { DataSource } from 'typeorm';
import { rowsByHousehold, type Principal } from '@gnbv/kit';
import { InformationSupport } from './information-support.entity';

/** Per-request loaders; they read only supports given in a commune of the principal's scope. */
export function informationSupportLoaders(db: DataSource, principal: Principal) {
  return {
    supportsByHousehold: rowsByHousehold(db, InformationSupport, 's', principal, { 's.delivered_on': 'ASC', 's.id': 'ASC' }),
  };
}
