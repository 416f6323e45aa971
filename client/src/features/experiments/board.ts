import { EXPERIMENT_STATUSES, type ExperimentStatus } from '@coalesce/shared';

/**
 * One column per status, in the order the statuses move through, each keeping the order the
 * server listed the experiments in. Every status gets a column, an empty one included.
 */
export function groupByStatus<T extends { status: ExperimentStatus }>(
  items: readonly T[],
): Record<ExperimentStatus, T[]> {
  const columns = Object.fromEntries(EXPERIMENT_STATUSES.map((s) => [s, [] as T[]])) as Record<
    ExperimentStatus,
    T[]
  >;
  for (const item of items) columns[item.status]?.push(item);
  return columns;
}

/** How many cards each column holds. */
export function countsOf(columns: Record<ExperimentStatus, readonly unknown[]>) {
  return Object.fromEntries(EXPERIMENT_STATUSES.map((s) => [s, columns[s].length])) as Record<
    ExperimentStatus,
    number
  >;
}
