import { z } from 'zod';
import { ROLES, STAGES, type Role, type Stage } from './domain.js';
import { zName, zText } from './schemas.js';

export const zStage = z.enum(STAGES);
export const zRole = z.enum(ROLES);

export const createWorkspaceSchema = z.object({
  name: zName,
  description: zText.optional(),
  stage: zStage.optional(),
});
export type CreateWorkspaceInput = z.infer<typeof createWorkspaceSchema>;

export const updateWorkspaceSchema = z.object({
  name: zName.optional(),
  description: zText.optional(),
  stage: zStage.optional(),
});
export type UpdateWorkspaceInput = z.infer<typeof updateWorkspaceSchema>;

export interface WorkspaceDto {
  id: string;
  name: string;
  description: string;
  stage: Stage;
  visionDocumentId: string | null;
  createdAt: string;
  updatedAt: string;
  /** The caller's membership. */
  myRole: Role;
  myBroker: boolean;
  myPartnerId: string | null;
}

export interface StageChangeDto {
  id: string;
  from: Stage | null;
  to: Stage;
  changedBy: string | null;
  changedAt: string;
}
