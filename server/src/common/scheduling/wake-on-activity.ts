import type { ActivityEventType } from '@coalesce/shared';
import type { EventBus } from '../events/event-bus';
import type { Poller } from './poller';

/**
 * Wakes `poller` when this instance records one of `types` (every type when omitted): the change
 * that may have brought a sweep's work forward (a new deadline, an extension) is made here, so
 * the sweep learns of it at once instead of at its idle ceiling. Returns the unsubscribe.
 */
export function wakeOnActivity(
  bus: EventBus,
  poller: Pick<Poller<unknown>, 'wake'>,
  types?: readonly ActivityEventType[],
): () => void {
  const wanted = types ? new Set<string>(types) : null;
  return bus.on('activity.recorded', (event, { remote }) => {
    if (remote) return;
    if (!wanted || wanted.has(event.type)) poller.wake();
  });
}
