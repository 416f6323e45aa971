import type { z } from 'zod';
import { ApiError } from '../../api/client';

type Tx = (key: string, params?: Record<string, string | number>) => string;

/** Localised message for one zod issue; falls back to the schema's own words. */
export function issueMessage(issue: z.core.$ZodIssue, tx: Tx): string {
  switch (issue.code) {
    case 'too_small': {
      const n = Number(issue.minimum);
      if (issue.origin === 'string')
        return n <= 1 ? tx('validation.required') : tx('validation.tooShort', { n });
      return tx('validation.tooSmall', { n });
    }
    case 'too_big': {
      const n = Number(issue.maximum);
      return issue.origin === 'string'
        ? tx('validation.tooLong', { n })
        : tx('validation.tooBig', { n });
    }
    case 'invalid_format':
      return issue.format === 'email' ? tx('validation.email') : tx('validation.invalid');
    default:
      return issue.message || tx('validation.invalid');
  }
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

/** Server-side field errors (the `details` of a 400) keyed like `validate`'s. */
export function serverFieldErrors(err: unknown): FieldErrors {
  if (!(err instanceof ApiError)) return {};
  const out: FieldErrors = {};
  for (const d of err.details) out[d.path.map(String).join('.') || '_'] ??= d.message;
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
