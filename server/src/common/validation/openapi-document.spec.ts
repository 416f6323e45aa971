import type { OpenAPIObject } from '@nestjs/swagger';
import { z } from 'zod';
import { documentProblems, openApiJson, sortKeys } from './openapi-document';
import { ApiZodBody } from './openapi';

describe('the committed OpenAPI document', () => {
  it('sorts keys at every depth but keeps schema fields and examples as written', () => {
    const doc = {
      paths: { '/b': { post: { summary: 's', operationId: 'x' } }, '/a': {} },
      components: { schemas: { Z: { type: 'object', properties: { zeta: {}, alpha: {} } } } },
      example: { z: 1, a: { y: 1, b: 2 } },
    };
    const json = openApiJson(sortKeys(doc) as OpenAPIObject);
    expect(json.indexOf('"components"')).toBeLessThan(json.indexOf('"paths"'));
    expect(json.indexOf('"/a"')).toBeLessThan(json.indexOf('"/b"'));
    expect(json.indexOf('"operationId"')).toBeLessThan(json.indexOf('"summary"'));
    expect(json.indexOf('"properties"')).toBeGreaterThan(json.indexOf('"Z"'));
    expect(json.indexOf('"zeta"')).toBeLessThan(json.indexOf('"alpha"'));
    expect(json.indexOf('"y"')).toBeLessThan(json.indexOf('"b"'));
    expect(json.endsWith('}\n')).toBe(true);
  });

  it('names operations without a summary or a success response', () => {
    const doc = {
      paths: {
        '/ok': { get: { summary: 'Fine', responses: { '200': {} } } },
        '/bad': { post: { responses: { '400': {} } } },
      },
    } as unknown as OpenAPIObject;
    expect(documentProblems(doc)).toEqual([
      'POST /bad: no summary (@ApiOperation)',
      'POST /bad: no success response (@ApiOkResponse, …)',
    ]);
  });

  it('refuses an example its own schema rejects', () => {
    const schema = z.object({ name: z.string().min(1) });
    expect(() => ApiZodBody(schema, { name: '' })).toThrow();
    expect(() => ApiZodBody(schema, { name: 'Jeugdhuis' })).not.toThrow();
  });
});
