import { z } from 'zod';
import { zId } from './schemas.js';

/**
 * `GET …/documents/:did/versions/:vid/diff?to=<vid>|current`: what changed from version `vid`
 * to another version, or to the live document. Without `to` the live document is meant.
 */
export const documentDiffQuerySchema = z.object({
  to: z
    .union([z.literal('current'), zId], { error: 'Expected a version id or "current"' })
    .default('current'),
});
export type DocumentDiffQuery = z.infer<typeof documentDiffQuerySchema>;

/** How a block of the newer side relates to the older side. */
export const DOCUMENT_DIFF_CHANGES = ['unchanged', 'inserted', 'deleted', 'changed'] as const;
export type DocumentDiffChange = (typeof DOCUMENT_DIFF_CHANGES)[number];

export const DOCUMENT_DIFF_OPS = ['equal', 'insert', 'delete'] as const;
export type DocumentDiffOp = (typeof DOCUMENT_DIFF_OPS)[number];

/** A run of text: kept, only in the newer side, or only in the older side. */
export const documentDiffSegmentSchema = z.object({
  op: z.enum(DOCUMENT_DIFF_OPS),
  text: z.string(),
});
export type DocumentDiffSegment = z.infer<typeof documentDiffSegmentSchema>;

/**
 * One text block (paragraph, heading, code block) or atom (horizontal rule) in document order.
 * `context` names the containers around it, outermost first (`['bulletList', 'listItem']`,
 * `['blockquote']`), so a reader can show list items as list items. Formatting (bold, links)
 * is not compared: a block whose only change is its marks is `unchanged`.
 */
export const documentDiffBlockSchema = z.object({
  type: z.enum(DOCUMENT_DIFF_CHANGES),
  blockType: z.string(),
  /** Heading level, for headings. */
  level: z.number().int().optional(),
  context: z.array(z.string()),
  segments: z.array(documentDiffSegmentSchema),
});
export type DocumentDiffBlock = z.infer<typeof documentDiffBlockSchema>;

/** One side of a comparison: a saved version, or the live document (`id: null`). */
export const documentDiffSideSchema = z.object({
  id: zId.nullable(),
  label: z.string().nullable(),
  createdAt: z.string().nullable(),
});
export type DocumentDiffSide = z.infer<typeof documentDiffSideSchema>;

export const documentDiffSchema = z.object({
  documentId: zId,
  from: documentDiffSideSchema,
  to: documentDiffSideSchema,
  /** Counts of blocks per kind of change. */
  stats: z.object({
    unchanged: z.number().int(),
    inserted: z.number().int(),
    deleted: z.number().int(),
    changed: z.number().int(),
  }),
  blocks: z.array(documentDiffBlockSchema),
});
export type DocumentDiffDto = z.infer<typeof documentDiffSchema>;
