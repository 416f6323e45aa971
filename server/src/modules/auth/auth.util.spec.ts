import { parseCookieHeader, safeEqual, signJwt, verifyJwt } from './auth.util';

describe('access tokens (HS256)', () => {
  const secret = 's'.repeat(32);
  const claims = { sub: 'u1', sid: 's1', iat: 1000, exp: 2000 };

  it('round-trips and expires', () => {
    const t = signJwt(claims, secret);
    expect(verifyJwt(t, secret, 1500)).toEqual(claims);
    expect(verifyJwt(t, secret, 2000)).toBeNull();
  });

  it('rejects another secret, tampering, alg none and garbage', () => {
    const t = signJwt(claims, secret);
    expect(verifyJwt(t, 'other'.repeat(8), 1500)).toBeNull();
    const [h, p, s] = t.split('.') as [string, string, string];
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'admin' })).toString('base64url');
    expect(verifyJwt(`${h}.${forged}.${s}`, secret, 1500)).toBeNull();
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect(verifyJwt(`${none}.${p}.`, secret, 1500)).toBeNull();
    for (const bad of ['', 'a.b', 'a.b.c.d', `${h}.${p}`, `${h}.!!!.${s}`]) {
      expect(verifyJwt(bad, secret, 1500)).toBeNull();
    }
  });
});

describe('parseCookieHeader', () => {
  it('parses, decodes and keeps the first of duplicate names', () => {
    expect(parseCookieHeader('a=1; b="x%20y"; a=2; junk; =v')).toEqual({ a: '1', b: 'x y' });
    expect(parseCookieHeader(undefined)).toEqual({});
  });
});

describe('safeEqual', () => {
  it('compares exactly', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });
});
