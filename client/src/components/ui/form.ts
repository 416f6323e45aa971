import { errorDetailOfIssue } from '@coalesce/shared';
import type { z } from 'zod';
import { ApiError } from '../../api/client';
import { describeDetail } from '../../api/errors';
import { activeLocale, translate } from '../../i18n/i18n';

type Tx = (key: string, params?: Record<string, string | number>) => string;

/** Localised message for one zod issue: the same words as for the server's field errors. */
export function issueMessage(issue: z.core.$ZodIssue, tx: Tx): string {
  return describeDetail(errorDetailOfIssue(issue), tx);
}

export type FieldErrors = Record<string, string>;

function valueAt(values: unknown, path: PropertyKey[]): unknown {
  let v: unknown = values;
  for (const p of path)
    v = typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return v;
}

/** Parses form values with the shared schema; field errors keyed by dotted path. */
export function validate<T extends z.ZodType>(
  schema: T,
  values: unknown,
  tx: Tx,
): { ok: true; data: z.infer<T> } | { ok: false; errors: FieldErrors } {
  const r = schema.safeParse(values);
  if (r.success) return { ok: true, data: r.data };
  const errors: FieldErrors = {};
  for (const issue of r.error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    const missing = issue.code === 'invalid_type' && valueAt(values, issue.path) === undefined;
    errors[key] ??= missing ? tx('validation.required') : issueMessage(issue, tx);
  }
  return { ok: false, errors };
}

/**
 * Server-side field errors (the `details` of a 400) keyed like `validate`'s, in the reader's
 * language (pass `tx`, or the app's current language is used).
 */
export function serverFieldErrors(err: unknown, tx?: Tx): FieldErrors {
  if (!(err instanceof ApiError)) return {};
  const say: Tx = tx ?? ((k, p) => translate(activeLocale(), k, p));
  const out: FieldErrors = {};
  for (const d of err.details) out[d.path.map(String).join('.') || '_'] ??= describeDetail(d, say);
  return out;
}

/** FormData → plain object; empty strings become undefined so optional fields stay optional. */
export function formValues(form: HTMLFormElement): Record<string, string | boolean | undefined> {
  const out: Record<string, string | boolean | undefined> = {};
  for (const el of Array.from(form.elements)) {
    const input = el as HTMLInputElement;
    if (!input.name) continue;
    if (input.type === 'checkbox') out[input.name] = input.checked;
    else out[input.name] = input.value.trim() === '' ? undefined : input.value;
  }
  return out;
}
