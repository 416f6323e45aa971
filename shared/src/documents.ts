import { z } from 'zod';
import { DOCUMENT_KINDS, type DocumentKind } from './domain.js';
import { zName } from './schemas.js';

/** `POST /api/workspaces/:wid/documents`. One vision document per workspace (409 otherwise). */
export const createDocumentSchema = z.object({
  title: zName,
  kind: z.enum(DOCUMENT_KINDS),
});
export type CreateDocumentInput = z.infer<typeof createDocumentSchema>;

/** `POST …/documents/:did/versions`. */
export const createDocumentVersionSchema = z.object({ label: zName });
export type CreateDocumentVersionInput = z.infer<typeof createDocumentVersionSchema>;

export const DOCUMENT_EXPORT_FORMATS = ['markdown', 'html'] as const;
export type DocumentExportFormat = (typeof DOCUMENT_EXPORT_FORMATS)[number];

/** `GET …/documents/:did/export?format=`. */
export const documentExportQuerySchema = z.object({ format: z.enum(DOCUMENT_EXPORT_FORMATS) });

/** A ProseMirror node as `Node.toJSON()` writes it (the Tiptap content of a document). */
export interface ProseMirrorMark {
  type: string;
  attrs?: Record<string, unknown>;
}
export interface ProseMirrorNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: ProseMirrorNode[];
  text?: string;
  marks?: ProseMirrorMark[];
}

export interface DocumentDto {
  id: string;
  workspaceId: string;
  title: string;
  /** The system's default title (the vision's): show it in the reader's language instead. */
  titleIsDefault: boolean;
  kind: DocumentKind;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface DocumentVersionDto {
  id: string;
  documentId: string;
  label: string;
  createdAt: string;
  createdBy: string | null;
  /** The ProseMirror document (`{type: 'doc', content}`) at the time of the version. */
  json: ProseMirrorNode;
  html: string;
}
