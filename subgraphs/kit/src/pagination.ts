import 'reflect-metadata';
import { ArgsType, Directive, Field, Int, ObjectType } from 'type-graphql';
import { badInput } from '@gnbv/platform';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@Directive('@shareable')
@ObjectType({ description: 'Where a page sits in its list.' })
export class PageInfo {
  @Field({ description: 'Whether a further page exists after this one.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page.' })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Page size, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "The previous page's endCursor." })
  after?: string | null;
}

/** A page request checked at the edge: a size within bounds and a decoded cursor. */
export interface PageWindow {
  limit: number;
  after: string[] | null;
}

/** Cursors are opaque to clients: base64url of the sort key of the last row of a page. */
export function encodeCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, keyLength: number, field = 'after'): string[] {
  try {
    if (cursor.length > 512) throw new Error('too long');
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === keyLength && key.every((k) => typeof k === 'string')) return key;
  } catch {
    // fall through to the coded error
  }
  throw badInput(field, 'is not a cursor from this list; pass the endCursor of the previous page');
}

export function pageWindow(args: PageArgs, keyLength: number): PageWindow {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput('first', `must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return { limit: first, after: args.after ? decodeCursor(args.after, keyLength) : null };
}

/** Shapes `limit + 1` fetched rows into a page: the extra row only tells that more exist. */
export function toPage<T>(rows: T[], window: PageWindow, key: (row: T) => string[], totalCount: number) {
  const nodes = rows.slice(0, window.limit);
  const last = nodes[nodes.length - 1];
  return {
    nodes,
    totalCount,
    pageInfo: { hasNextPage: rows.length > window.limit, endCursor: last ? encodeCursor(key(last)) : null },
  };
}
