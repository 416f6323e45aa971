/**
 * Whether `err` is PostgreSQL's unique_violation (23505), optionally on one named constraint or
 * index. Reads the driver's fields both where TypeORM's QueryFailedError copies them and on its
 * `driverError`, so it answers the same for errors from a repository and from `query()`.
 */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; constraint?: unknown; driverError?: unknown };
  const driver = (
    typeof e.driverError === 'object' && e.driverError !== null ? e.driverError : {}
  ) as { code?: unknown; constraint?: unknown };
  if ((e.code ?? driver.code) !== '23505') return false;
  return constraint === undefined || (e.constraint ?? driver.constraint) === constraint;
}
