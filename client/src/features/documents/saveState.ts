import type { CollabStatus } from './collab';

export type SaveState = 'refused' | 'offline' | 'syncing' | 'saving' | 'saved';

/**
 * What the editor tells its user about their edits, the most serious condition first: a refused
 * or lost connection outranks a sync in progress, which outranks local edits in flight.
 */
export function saveStateOf({
  status,
  synced,
  saving,
}: {
  status: CollabStatus;
  synced: boolean;
  saving: boolean;
}): SaveState {
  if (status === 'refused') return 'refused';
  if (status !== 'connected') return 'offline';
  if (!synced) return 'syncing';
  return saving ? 'saving' : 'saved';
}
