import type { Page } from '@coalesce/shared';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { invalid } from '../errors/domain-error';

export type CursorValue = string | number;
export type KeyKind = 'string' | 'int' | 'timestamp' | 'uuid';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opaque to clients: base64url JSON of the last row's sort key. */
export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

function validKey(kind: KeyKind, v: unknown): boolean {
  switch (kind) {
    case 'string':
      return typeof v === 'string' && v.length <= 500;
    case 'int':
      return typeof v === 'string' && /^\d{1,19}$/.test(v);
    case 'timestamp':
      return typeof v === 'string' && v.length <= 40 && !Number.isNaN(Date.parse(v));
    case 'uuid':
      return typeof v === 'string' && UUID.test(v);
  }
}

/** Decodes a cursor of the given key kinds; anything else is a 400 naming `cursor`. */
export function decodeCursor(cursor: string, kinds: KeyKind[]): string[] {
  let values: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('not base64url');
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid(['cursor'], 'is not a valid cursor', 'invalid_cursor');
  }
  if (
    !Array.isArray(values) ||
    values.length !== kinds.length ||
    !values.every((v, i) => validKey(kinds[i]!, v))
  ) {
    throw invalid(['cursor'], 'is not a valid cursor', 'invalid_cursor');
  }
  return values as string[];
}

export interface KeysetKey<T> {
  /** SQL expression of the column, e.g. `e.seq` or `"e"."joinedAt"`. */
  column: string;
  kind: KeyKind;
  /** The key's value in a row, as a string (ints as decimal strings, timestamps as ISO). */
  value: (row: T) => string;
}

/**
 * Keyset pagination shared by every list: orders by `keys` (all in `direction`), continues
 * after `cursor`, and answers `{items, nextCursor}`. The keys must identify a row uniquely.
 */
export async function keysetPage<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  opts: {
    keys: KeysetKey<T>[];
    direction: 'ASC' | 'DESC';
    limit: number;
    cursor?: string;
  },
): Promise<Page<T>> {
  const { keys, direction, limit } = opts;
  if (opts.cursor) {
    const values = decodeCursor(
      opts.cursor,
      keys.map((k) => k.kind),
    );
    const op = direction === 'DESC' ? '<' : '>';
    const params: Record<string, string> = {};
    const placeholders = values.map((v, i) => {
      params[`__cursor${i}`] = v;
      return `:__cursor${i}`;
    });
    qb.andWhere(
      `(${keys.map((k) => k.column).join(', ')}) ${op} (${placeholders.join(', ')})`,
      params,
    );
  }
  keys.forEach((k, i) =>
    i === 0 ? qb.orderBy(k.column, direction) : qb.addOrderBy(k.column, direction),
  );
  const rows = await qb.limit(limit + 1).getMany();
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor(keys.map((k) => k.value(last))) : null,
  };
}

/** Maps the items of a page, keeping its cursor. */
export function mapPage<T, U>(page: Page<T>, fn: (item: T) => U): Page<U> {
  return { items: page.items.map(fn), nextCursor: page.nextCursor };
}
