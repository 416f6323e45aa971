import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiQuery } from '@nestjs/swagger';
import type { ErrorCode } from '@coalesce/shared';
import { z } from 'zod';

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const s = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  delete s.$schema;
  return s;
}

/**
 * Documents a body with the same zod schema that validates it, so docs cannot drift. An
 * `example` must pass that schema: a wrong one stops the server (and the docs build) at start.
 */
export const ApiZodBody = <T extends z.ZodType>(schema: T, example?: z.input<T>) => {
  if (example !== undefined) schema.parse(example);
  return ApiBody({
    schema: { ...jsonSchema(schema), ...(example !== undefined ? { example } : {}) } as never,
  });
};

export const ApiZodQuery = (schema: z.ZodObject) =>
  applyDecorators(
    ...Object.entries(schema.shape).map(([name, field]) =>
      ApiQuery({
        name,
        required: !(field as z.ZodType).safeParse(undefined).success,
        schema: jsonSchema(field as z.ZodType) as never,
      }),
    ),
  );

export const API_ERRORS = 'coalesce:api-errors';

/**
 * The route's own refusals (e.g. EMAIL_TAKEN) for the OpenAPI document. The generic ones (400
 * on a body or query, 401 unless @Public, 403 with a role policy, 404 on an id) are added to
 * every operation by `buildOpenApiDocument`, from the metadata the guards and pipes read.
 */
export const ApiErrors =
  (...codes: ErrorCode[]): MethodDecorator =>
  (_target, _key, descriptor) => {
    const fn = descriptor.value as object;
    const prior = (Reflect.getMetadata(API_ERRORS, fn) as ErrorCode[] | undefined) ?? [];
    Reflect.defineMetadata(API_ERRORS, [...prior, ...codes], fn);
    return descriptor;
  };
