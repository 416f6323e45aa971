import type { Page } from '@coalesce/shared';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { invalid } from '../errors/domain-error';
import { isUuid } from '../validation/uuid.util';

export type CursorValue = string | number;
export type KeyKind = 'string' | 'int' | 'timestamp' | 'uuid';

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
      return isUuid(v);
  }
}

/** The one answer to a cursor this server did not hand out (or no longer can continue). */
export const invalidCursor = () => invalid(['cursor'], 'is not a valid cursor', 'invalid_cursor');

/** Decodes a cursor of the given key kinds; anything else is a 400 naming `cursor`. */
export function decodeCursor(cursor: string, kinds: KeyKind[]): string[] {
  let values: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('not base64url');
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (
    !Array.isArray(values) ||
    values.length !== kinds.length ||
    !values.every((v, i) => validKey(kinds[i]!, v))
  ) {
    throw invalidCursor();
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

/** The usual keys of a list in creation order: `createdAt`, then `id` (unique) of `alias`. */
export function creationKeys<T extends { createdAt: Date; id: string }>(
  alias: string,
): KeysetKey<T>[] {
  return [
    { column: `${alias}.createdAt`, kind: 'timestamp', value: (r) => r.createdAt.toISOString() },
    { column: `${alias}.id`, kind: 'uuid', value: (r) => r.id },
  ];
}

/**
 * Keyset pagination shared by every list: orders by `keys` (all in `direction`), continues
 * after `cursor`, and answers `{items, nextCursor}`. The keys must identify a row uniquely.
 *
 * `seek: 'values'` (the default) carries the last row's key values in the cursor. `seek: 'row'`
 * carries only its id (the last key must be the `id` uuid column) and continues after the row
 * as the database stores it: for timestamp keys whose sub-millisecond part a JavaScript Date
 * would lose. That row must still match the list's filters, else the cursor is invalid (400).
 */
export async function keysetPage<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  opts: {
    keys: KeysetKey<T>[];
    direction: 'ASC' | 'DESC';
    limit: number;
    cursor?: string;
    seek?: 'values' | 'row';
  },
): Promise<Page<T>> {
  const { keys, direction, limit } = opts;
  const op = direction === 'DESC' ? '<' : '>';
  const byRow = opts.seek === 'row';
  if (opts.cursor && byRow) {
    const [id] = decodeCursor(opts.cursor, ['uuid']);
    const idKey = keys[keys.length - 1]!;
    if (!(await qb.clone().andWhere(`${idKey.column} = :__after`, { __after: id }).getExists())) {
      throw invalidCursor();
    }
    const alias = qb.alias;
    const metadata = qb.expressionMap.mainAlias!.metadata;
    const stored = keys.map((k) => {
      const column = metadata.findColumnWithPropertyPath(k.column.slice(alias.length + 1));
      if (!k.column.startsWith(`${alias}.`) || !column) {
        throw new Error(`keysetPage: ${k.column} is not a column of ${alias}`);
      }
      return `__after."${column.databaseName}"`;
    });
    qb.andWhere(
      `(${keys.map((k) => k.column).join(', ')}) ${op} (SELECT ${stored.join(', ')} FROM "${
        metadata.tableName
      }" __after WHERE ${stored[stored.length - 1]} = :__after)`,
      { __after: id },
    );
  } else if (opts.cursor) {
    const values = decodeCursor(
      opts.cursor,
      keys.map((k) => k.kind),
    );
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
  const lastKeys = (row: T) =>
    byRow ? [keys[keys.length - 1]!.value(row)] : keys.map((k) => k.value(row));
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor(lastKeys(last)) : null,
  };
}

/** Maps the items of a page, keeping its cursor. */
export function mapPage<T, U>(page: Page<T>, fn: (item: T) => U): Page<U> {
  return { items: page.items.map(fn), nextCursor: page.nextCursor };
}
