import type { QueryClient } from '@tanstack/react-query';
import type { LiveEvent } from './invalidation';

/*
 * The event → queries table (invalidation.ts) is needed only once socket events arrive, and the
 * socket itself comes after the first render: it loads with the socket (SocketProvider starts
 * it), not with the first chunk. Events are applied in the order they came, after it arrived.
 */
let table: Promise<typeof import('./invalidation')> | undefined;

export const loadInvalidation = () => (table ??= import('./invalidation'));

/** `invalidateFor` once the table is there. */
export function invalidateLater(qc: QueryClient, event: LiveEvent, wid: string): void {
  loadInvalidation().then(
    (m) => m.invalidateFor(qc, event, wid),
    () => undefined,
  );
}

/** `refetchAfterReconnect` once the table's module is there. */
export function refetchLater(qc: QueryClient, wid: string): void {
  loadInvalidation().then(
    (m) => m.refetchAfterReconnect(qc, wid),
    () => undefined,
  );
}
