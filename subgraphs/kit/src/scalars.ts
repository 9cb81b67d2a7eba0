import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import type { ValueTransformer } from 'typeorm';

function invalid(scalar: string, message: string): GraphQLError {
  return new GraphQLError(`${scalar}: ${message}`, { extensions: { code: 'BAD_USER_INPUT' } });
}

/** Parses a VND amount: a whole number within ±(2^53 - 1), given as a number or digit string. */
export function toVnd(value: unknown): number {
  let n: number;
  if (typeof value === 'bigint') n = Number(value);
  else if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && /^-?\d{1,16}$/.test(value.trim())) n = Number(value.trim());
  else throw invalid('VND', 'expected a whole number of đồng, as a number or a string of digits');
  if (!Number.isSafeInteger(n)) {
    throw invalid('VND', 'expected a whole number of đồng between -9007199254740991 and 9007199254740991');
  }
  return n;
}

/**
 * Vietnamese đồng. VND has no minor unit, so amounts are whole numbers; GraphQL `Int` is 32-bit
 * (2.1 billion) and too small for budgets, so this scalar carries any safe integer (9 quadrillion).
 */
export const VndScalar = new GraphQLScalarType<number, number>({
  name: 'VND',
  description:
    'An amount of Vietnamese đồng: a whole number (VND has no minor unit), exact up to 9,007,199,254,740,991. ' +
    'Sent as a JSON number; accepted as a number or a string of digits.',
  serialize: (value) => toVnd(value),
  parseValue: (value) => toVnd(value),
  parseLiteral: (ast: ValueNode) => {
    if (ast.kind === Kind.INT || ast.kind === Kind.STRING) return toVnd(ast.value);
    throw invalid('VND', 'expected a whole number of đồng');
  },
});

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Validates an ISO calendar date `YYYY-MM-DD` (a real day of a real month) and returns it. */
export function toIsoDate(value: unknown): string {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  if (typeof value !== 'string') throw invalid('Date', 'expected an ISO date such as "2025-07-01"');
  const match = ISO_DATE.exec(value);
  if (!match) throw invalid('Date', `expected an ISO date such as "2025-07-01", got ${JSON.stringify(value.slice(0, 40))}`);
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    throw invalid('Date', `${value} is not a day of the calendar`);
  }
  return value;
}

/** A calendar date without time or zone, as ISO 8601 `YYYY-MM-DD`. */
export const IsoDateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date without time or zone, ISO 8601 "YYYY-MM-DD".',
  serialize: (value) => toIsoDate(value),
  parseValue: (value) => toIsoDate(value),
  parseLiteral: (ast: ValueNode) => {
    if (ast.kind === Kind.STRING) return toIsoDate(ast.value);
    throw invalid('Date', 'expected an ISO date string such as "2025-07-01"');
  },
});

/** TypeORM transformer for `bigint` VND columns: `pg` returns strings, we want exact numbers. */
export const vndColumn: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : toVnd(value)),
};
