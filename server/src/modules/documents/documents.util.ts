import { ErrorCode } from '@coalesce/shared';
import { DomainError } from '../../common/errors/domain-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const invalidCursor = () =>
  new DomainError(ErrorCode.VALIDATION_FAILED, 'cursor: invalid cursor', [
    { path: ['cursor'], message: 'invalid cursor', rule: 'invalid_cursor' },
  ]);

/** Opaque keyset cursor: the id of the last item of the previous page. */
export const encodeCursor = (id: string): string => Buffer.from(id, 'utf8').toString('base64url');

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!UUID.test(id)) throw invalidCursor();
  return id.toLowerCase();
}

/** PostgreSQL unique_violation. */
export const isUniqueViolation = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
