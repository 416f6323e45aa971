import request from 'supertest';
import { LIMITS } from '@coalesce/shared';
import { startTestApp, type TestApp } from '../../../test/test-app';

describe('HTTP foundation (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('GET /api/health reports the database (and Redis: off without REDIS_URL)', async () => {
    const res = await request(t.baseUrl).get('/api/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', db: 'up', redis: 'off' });
  });

  it('answers an unknown /api route with 404 in the error shape', async () => {
    const res = await request(t.baseUrl).get('/api/does-not-exist').expect(404);
    expect(res.body).toMatchObject({
      statusCode: 404,
      error: 'Not Found',
      code: 'ROUTE_NOT_FOUND',
    });
    expect(typeof res.body.message).toBe('string');
    expect(res.headers['x-request-id']).toBe(res.body.requestId);
  });

  it('answers malformed JSON with 400 before routing', async () => {
    const res = await request(t.baseUrl)
      .post('/api/anything')
      .set('content-type', 'application/json')
      .send('{"a":')
      .expect(400);
    expect(res.body.code).toBe('MALFORMED_JSON');
  });

  it('answers an oversize body with 413', async () => {
    const big = JSON.stringify({ text: 'x'.repeat(LIMITS.bodyMaxBytes + 10) });
    const res = await request(t.baseUrl)
      .post('/api/anything')
      .set('content-type', 'application/json')
      .send(big)
      .expect(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('serves the OpenAPI UI and document', async () => {
    await request(t.baseUrl).get('/api/docs').expect(200).expect('content-type', /html/);
    const json = await request(t.baseUrl).get('/api/docs-json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(json.body.paths['/api/health']).toBeDefined();
    expect(json.body.paths['/api/workspaces/{wid}/proposals/preview'].post).toBeDefined();
    expect(json.body.paths['/api/workspaces/{wid}/experiments/{eid}'].delete).toBeDefined();
  });

  it('keeps the request id a caller sends', async () => {
    const res = await request(t.baseUrl).get('/api/health').set('x-request-id', 'abc-123');
    expect(res.headers['x-request-id']).toBe('abc-123');
  });
});
