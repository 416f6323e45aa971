import type { TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { startIntContext } from '../../../test/int-context';
import { uniqueEmail } from '../../../test/factories';
import { AuthService } from './auth.service';

describe('AuthService (PostgreSQL)', () => {
  let a: TestingModule;
  let b: TestingModule;
  beforeAll(async () => {
    [a, b] = await Promise.all([startIntContext(), startIntContext()]);
  });
  afterAll(() => Promise.all([a.close(), b.close()]));

  it('without SESSION_SECRET, one generated secret in the database serves every instance', async () => {
    const s = await a
      .get(AuthService)
      .register({ email: uniqueEmail(), password: 'long enough pw', displayName: 'A' }, '10.0.0.1');
    const viaB = await b.get(AuthService).verifyAccessToken(s.accessToken);
    expect(viaB).toEqual({ userId: s.user.id, sessionId: expect.any(String) });
    const secrets = await a.get(DataSource).query(`SELECT name FROM app_secrets`);
    expect(secrets).toEqual([{ name: 'session' }]);
  });

  it('verifies the session cookie token and the raw Cookie header; logout revokes both', async () => {
    const auth = a.get(AuthService);
    const s = await auth.login(
      await auth
        .register(
          { email: uniqueEmail(), password: 'long enough pw', displayName: 'B' },
          '10.0.0.2',
        )
        .then((r) => ({ email: r.user.email, password: 'long enough pw' })),
    );
    const header = `other=1; coalesce_session=${s.sessionToken}; csrf=${s.csrfToken}`;
    const principal = await auth.authenticateCookieHeader(header);
    expect(principal?.userId).toBe(s.user.id);
    expect(await auth.verifyAccessToken(s.accessToken)).toEqual(principal);
    await auth.logout(principal!.sessionId);
    expect(await auth.authenticateCookieHeader(header)).toBeNull();
    expect(await auth.verifyAccessToken(s.accessToken)).toBeNull();
  });

  it('a token signed with another secret is rejected', async () => {
    const other = await startIntContext({ SESSION_SECRET: 'x'.repeat(40) });
    try {
      const s = await other
        .get(AuthService)
        .register(
          { email: uniqueEmail(), password: 'long enough pw', displayName: 'C' },
          '10.0.0.3',
        );
      expect(await other.get(AuthService).verifyAccessToken(s.accessToken)).not.toBeNull();
      expect(await a.get(AuthService).verifyAccessToken(s.accessToken)).toBeNull();
    } finally {
      await other.close();
    }
  });
});
