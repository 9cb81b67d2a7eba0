import { assertUnitArgInScope } from '@gnbv/kit';
import type { AdminUnitContext } from './admin-unit.loader';

/**
 * Refuses a commune or province filter outside the principal's scope, naming the argument. A
 * province that holds one of the scope's communes overlaps it: its rows are filtered instead.
 */
export async function assertFilterInScope(ctx: AdminUnitContext, argument: string, code: string): Promise<void> {
  const unit = await ctx.loaders.adminUnitByCode.load(code);
  const scopeCommunes = ctx.principal.scope.filter((s) => s.length === 5);
  const overlaps =
    code.length === 2 &&
    (await ctx.loaders.adminUnitByCode.loadMany(scopeCommunes)).some((u) => u && 'parentCode' in u && u.parentCode === code);
  assertUnitArgInScope(ctx.principal, argument, code, unit?.parentCode ?? null, overlaps);
}
