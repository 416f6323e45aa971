import type { INestApplication } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ERROR_STATUS, ErrorCode, STATUS_TEXT } from '@coalesce/shared';
import { IS_PUBLIC } from '../auth/public.decorator';
import { WORKSPACE_POLICY } from '../auth/workspace-access';
import { API_ERRORS } from './openapi';

type Operation = {
  operationId?: string;
  summary?: string;
  parameters?: { in?: string }[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
};

/** What the guards and pipes of one route answer, read from the same metadata they read. */
interface RouteFacts {
  isPublic: boolean;
  hasPolicy: boolean;
  errors: ErrorCode[];
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];

/**
 * Route facts by operationId (`<Controller>_<method>`, swagger's default), walking the same
 * module container `SwaggerModule` scans; works in preview mode (nothing instantiated).
 */
function routeFacts(app: INestApplication): Map<string, RouteFacts> {
  const container = (
    app as unknown as {
      container: {
        getModules(): Map<string, { controllers: Map<unknown, { metatype: unknown }> }>;
      };
    }
  ).container;
  const facts = new Map<string, RouteFacts>();
  for (const mod of container.getModules().values()) {
    for (const { metatype } of mod.controllers.values()) {
      if (typeof metatype !== 'function') continue;
      const proto = metatype.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const meta = (key: string): unknown =>
          Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, metatype);
        facts.set(`${metatype.name}_${name}`, {
          isPublic: meta(IS_PUBLIC) === true,
          hasPolicy: meta(WORKSPACE_POLICY) !== undefined,
          errors: (Reflect.getMetadata(API_ERRORS, handler) as ErrorCode[] | undefined) ?? [],
        });
      }
    }
  }
  return facts;
}

const errorBodySchema = {
  type: 'object',
  description: 'The body of every error answer (see API notes in the README).',
  required: ['statusCode', 'error', 'code', 'message'],
  properties: {
    statusCode: { type: 'integer', example: 400 },
    error: { type: 'string', example: 'Bad Request' },
    code: { type: 'string', enum: Object.values(ErrorCode) },
    message: { type: 'string', example: 'Invalid input (name: Too small)' },
    details: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'message'],
        properties: {
          path: { type: 'array', items: { oneOf: [{ type: 'string' }, { type: 'integer' }] } },
          message: { type: 'string' },
          issue: { type: 'string', description: "zod's issue code, e.g. too_small" },
          limit: { type: 'number' },
          origin: { type: 'string' },
          format: { type: 'string' },
          rule: { type: 'string', description: 'The domain rule that refused it' },
        },
      },
    },
    requestId: { type: 'string' },
  },
};

/** The error codes a route can answer: what its guards and pipes throw, plus its own. */
function errorCodesOf(op: Operation, path: string, method: string, facts?: RouteFacts) {
  const codes = new Set<ErrorCode>();
  if (op.requestBody) {
    codes.add(ErrorCode.VALIDATION_FAILED);
    codes.add(ErrorCode.MALFORMED_JSON);
    codes.add(ErrorCode.PAYLOAD_TOO_LARGE);
  }
  if (op.parameters?.some((p) => p.in === 'query')) codes.add(ErrorCode.VALIDATION_FAILED);
  if (!facts?.isPublic) {
    codes.add(ErrorCode.UNAUTHENTICATED);
    if (method !== 'get' && method !== 'head') codes.add(ErrorCode.CSRF_MISMATCH);
  }
  if (facts?.hasPolicy) codes.add(ErrorCode.FORBIDDEN);
  // IdPipe and the workspace guard: a malformed or unknown id is a 404.
  if (path.includes('{')) codes.add(ErrorCode.NOT_FOUND);
  for (const c of facts?.errors ?? []) codes.add(c);
  return codes;
}

/** Adds the contract's error answers (shared ErrorBody schema) to every operation. */
function addErrorResponses(doc: OpenAPIObject, facts: Map<string, RouteFacts>): void {
  doc.components = {
    ...doc.components,
    schemas: { ...doc.components?.schemas, ErrorBody: errorBodySchema as never },
  };
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of HTTP_METHODS) {
      const op = (item as Record<string, Operation | undefined>)[method];
      if (!op) continue;
      const byStatus = new Map<number, ErrorCode[]>();
      const codes = errorCodesOf(op, path, method, facts.get(op.operationId ?? ''));
      for (const code of codes) {
        const status = ERROR_STATUS[code];
        byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
      }
      op.responses ??= {};
      for (const [status, list] of byStatus) {
        if (op.responses[String(status)]) continue;
        op.responses[String(status)] = {
          description: `${STATUS_TEXT[status] ?? 'Error'}: ${list.sort().join(', ')}`,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
        };
      }
    }
  }
}

/** Keys whose object value keeps its own order: schema fields and examples read as written. */
const AUTHORED_ORDER = new Set(['properties', 'example']);

/**
 * Recursively sorted keys (paths, schemas, responses…): the committed file diffs cleanly
 * whatever order modules register their routes in. Field order of schemas and examples is the
 * zod schema's / the author's, equally deterministic.
 */
export function sortKeys(value: unknown, keepOrder = false): unknown {
  if (Array.isArray(value)) return value.map((v) => sortKeys(v));
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    const out: Record<string, unknown> = {};
    for (const key of keepOrder ? keys : keys.sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v === undefined) continue;
      const authored = !keepOrder && AUTHORED_ORDER.has(key);
      out[key] = authored && key === 'example' ? v : sortKeys(v, authored);
    }
    return out;
  }
  return value;
}

/** The exact bytes of `server/openapi.json`. */
export const openApiJson = (doc: OpenAPIObject): string => `${JSON.stringify(doc, null, 2)}\n`;

/**
 * The OpenAPI document the server serves at /api/docs(-json) and `openapi-tool` commits: built
 * from the app's routes and decorators only (no database needed), in canonical key order.
 * `app` must already have its global prefix.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Coalesce API')
      .setDescription(
        'Contract v1 of the Coalesce public API. Errors share one shape: {statusCode, error, code, message, details?} (components.schemas.ErrorBody).',
      )
      .setVersion('1')
      .addBearerAuth()
      .addCookieAuth('coalesce_session')
      .build(),
  );
  addErrorResponses(doc, routeFacts(app));
  return sortKeys(doc) as OpenAPIObject;
}

/** Operations breaking the house rules for the reference: no summary, or no success answer. */
export function documentProblems(doc: OpenAPIObject): string[] {
  const problems: string[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of HTTP_METHODS) {
      const op = (item as Record<string, Operation | undefined>)[method];
      if (!op) continue;
      const where = `${method.toUpperCase()} ${path}`;
      if (!op.summary?.trim()) problems.push(`${where}: no summary (@ApiOperation)`);
      if (!Object.keys(op.responses ?? {}).some((s) => /^2\d\d$/.test(s)))
        problems.push(`${where}: no success response (@ApiOkResponse, …)`);
    }
  }
  return problems;
}
