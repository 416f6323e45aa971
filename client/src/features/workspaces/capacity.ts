import type { Capacity, WorkspaceDto } from '@coalesce/shared';

/**
 * The signed-in person's capacity in a workspace, for the shared permission rules
 * (`canWriteExperiments(capacityOf(ws))` …): the same functions the server enforces.
 */
export const capacityOf = (ws: WorkspaceDto, userId = ''): Capacity => ({
  userId,
  role: ws.myRole,
  broker: ws.myBroker,
  partnerId: ws.myPartnerId,
});
