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

/**
 * The one spelling of a documents path (`/api/workspaces/<id>/documents…`): lower case (ids
 * are lower-case uuids, the route words too), no trailing slash. Null when `path` already is
 * canonical. Another spelling would hash to another replica behind the proxy.
 */
export function canonicalDocumentsPath(path: string): string | null {
  let canonical = path.toLowerCase();
  while (canonical.length > 1 && canonical.endsWith('/')) canonical = canonical.slice(0, -1);
  return canonical === path ? null : canonical;
}
