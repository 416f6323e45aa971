import { z } from 'zod';

/** `GET /api/workspaces/:wid/export?format=json|csv` (coordinators and observers). */
export const EXPORT_FORMATS = ['json', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const exportQuerySchema = z.object({
  format: z.enum(EXPORT_FORMATS).default('json'),
});
export type ExportQuery = z.output<typeof exportQuerySchema>;

/** Columns of the CSV export: one row per event, payload as JSON. */
export const EXPORT_CSV_COLUMNS = [
  'seq',
  'id',
  'createdAt',
  'type',
  'actorId',
  'subjectType',
  'subjectId',
  'payload',
] as const;

/** Top-level keys of the JSON export, in order (each an array but `workspace`). */
export const EXPORT_SECTIONS = [
  'workspace',
  'stageHistory',
  'members',
  'partners',
  'principles',
  'proposals',
  'experiments',
  'connections',
  'documents',
  'events',
] as const;
export type ExportSectionName = (typeof EXPORT_SECTIONS)[number];

/** A member as exported: `email` only for coordinators. */
export interface ExportedMember {
  userId: string;
  displayName: string;
  email?: string;
  role: string;
  broker: boolean;
  partnerId: string | null;
  joinedAt: string;
}
