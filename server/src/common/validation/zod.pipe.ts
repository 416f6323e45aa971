import { type PipeTransform } from '@nestjs/common';
import { ErrorCode, errorDetailOfIssue, type ErrorDetail } from '@coalesce/shared';
import type { z } from 'zod';
import { DomainError } from '../errors/domain-error';
import { isUuid } from './uuid.util';

/** Turns zod issues into the contract's 400: the message names every failing field. */
export function validationError(error: z.ZodError, root?: string): DomainError {
  const details: ErrorDetail[] = error.issues.map((i) => errorDetailOfIssue(i, root));
  const summary = details
    .slice(0, 5)
    .map((d) => `${d.path.length ? d.path.join('.') : 'body'}: ${d.message}`)
    .join('; ');
  return new DomainError(ErrorCode.VALIDATION_FAILED, `Invalid input (${summary})`, details);
}

export function parseOrThrow<T extends z.ZodType>(
  schema: T,
  value: unknown,
  root?: string,
): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, root);
  return result.data;
}

/** `@Body(new ZodPipe(schema))`: validation happens at the edge, before any state check. */
export class ZodPipe<T extends z.ZodType> implements PipeTransform<unknown, z.infer<T>> {
  constructor(
    private readonly schema: T,
    private readonly root?: string,
  ) {}
  transform(value: unknown): z.infer<T> {
    return parseOrThrow(this.schema, value ?? {}, this.root);
  }
}

/** A malformed id in a path is simply something that does not exist: 404, never 400 or 500. */
export class IdPipe implements PipeTransform<string, string> {
  constructor(private readonly what = 'Resource') {}
  transform(value: string): string {
    if (!isUuid(value)) {
      throw new DomainError(ErrorCode.NOT_FOUND, `${this.what} not found`);
    }
    return value.toLowerCase();
  }
}
