import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig({});
    expect(c.http.port).toBe(3000);
    expect(c.http.host).toBe('127.0.0.1');
    expect(c.database.url).toBeUndefined();
    expect(c.database.dataDir.endsWith('.data')).toBe(true);
    expect(c.auth.loginFailuresPer15Min).toBe(10);
    expect(c.auth.registerPerHour).toBe(300);
    expect(c.demo).toEqual({ enabled: true, perUserPerDay: 3 });
    expect(c.http.trustProxy).toBe(false);
    expect(c.http.headersTimeoutMs).toBe(10_000);
    expect(c.http.requestTimeoutMs).toBe(30_000);
    expect(c.limits.createsPerMinute).toBe(30);
  });

  it('switches the demo endpoint off and sets its limit', () => {
    expect(loadConfig({ DEMO_ENABLED: 'false', DEMO_PER_USER_PER_DAY: '10' }).demo).toEqual({
      enabled: false,
      perUserPerDay: 10,
    });
  });

  it('parses TRUST_PROXY like express', () => {
    expect(loadConfig({ TRUST_PROXY: '1' }).http.trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'true' }).http.trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).http.trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
    ]);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'http://x' }, 'REDIS_URL'],
    [{ SESSION_SECRET: 'short' }, 'SESSION_SECRET'],
    [{ RATE_LIMIT_LOGIN_FAILURES: '-1' }, 'RATE_LIMIT_LOGIN_FAILURES'],
    [{ DEMO_ENABLED: 'yes' }, 'DEMO_ENABLED'],
    [{ DEMO_PER_USER_PER_DAY: '0' }, 'DEMO_PER_USER_PER_DAY'],
  ])('rejects %j naming the variable', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`${name}:`));
  });

  it('treats empty optional URLs as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', REDIS_URL: '' }).redis.url).toBeUndefined();
  });
});
