import { Inject, Injectable } from '@nestjs/common';
import {
  AUTH_COOKIES,
  CSRF_HEADER,
  ErrorCode,
  type LoginInput,
  type RegisterInput,
} from '@coalesce/shared';
import { hash, verify } from '@node-rs/argon2';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import type { AppRequest, AuthContext, RequestAuthenticator } from '../../common/auth/auth.types';
import { DomainError } from '../../common/errors/domain-error';
import { EventBus } from '../../common/events/event-bus';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { UserEntity } from '../users/users.entity';
import { UsersService } from '../users/users.service';
import { emailKey } from '../users/users.util';
import { AppSecretEntity } from './app-secret.entity';
import { parseCookieHeader, randomToken, safeEqual, sha256, signJwt, verifyJwt } from './auth.util';
import { RateLimitService } from './rate-limit.service';
import { SessionEntity } from './session.entity';

/** A new session: the access token (JWT) and what goes into the browser's cookies. */
export interface IssuedSession {
  user: UserEntity;
  accessToken: string;
  sessionToken: string;
  csrfToken: string;
  expiresAt: Date;
}

/** The caller a token or cookie identifies. */
export interface Principal {
  userId: string;
  sessionId: string;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const unauthenticated = (message = 'Sign in first') =>
  new DomainError(ErrorCode.UNAUTHENTICATED, message);
// A hash to verify against when the email is unknown, so both failures take equally long.
let dummy: Promise<string> | undefined;
const dummyHash = () => (dummy ??= hash('not-a-real-password-but-equally-slow'));

@Injectable()
export class AuthService implements RequestAuthenticator {
  private secret: Promise<string> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly rateLimits: RateLimitService,
    private readonly bus: EventBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async register(input: RegisterInput, ip: string): Promise<IssuedSession> {
    const key = `register:${ip}`;
    await this.rateLimits.check(key, this.config.auth.registerPerHour, 3600);
    await this.rateLimits.hit(key, 3600);
    const user = await this.users.create({
      email: input.email,
      passwordHash: await hash(input.password),
      displayName: input.displayName,
      locale: input.locale,
    });
    return this.startSession(user);
  }

  /** Unknown email and wrong password are the same 401; repeated failures per email → 429. */
  async login(input: LoginInput): Promise<IssuedSession> {
    const key = `login:${emailKey(input.email)}`;
    const window = 15 * 60;
    await this.rateLimits.check(key, this.config.auth.loginFailuresPer15Min, window);
    const user = await this.users.findCredentials(input.email);
    const ok = user
      ? await verify(user.passwordHash, input.password).catch(() => false)
      : await verify(await dummyHash(), input.password).then(() => false);
    if (!user || !ok) {
      await this.rateLimits.hit(key, window);
      throw new DomainError(ErrorCode.INVALID_CREDENTIALS, 'Email or password is wrong');
    }
    await this.rateLimits.reset(key);
    return this.startSession(await this.users.get(user.id));
  }

  /** Revokes the session: its access tokens and cookie answer 401 from now on, on every instance. */
  async logout(sessionId: string): Promise<void> {
    const session = await this.dataSource.getRepository(SessionEntity).findOneBy({ id: sessionId });
    if (!session) return;
    await this.dataSource
      .getRepository(SessionEntity)
      .update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: new Date() });
    this.bus.emit('session.revoked', { sessionId, userId: session.userId });
  }

  /** A fresh access token for a live session (e.g. for the collab websocket URL). */
  async issueAccessToken(principal: Principal): Promise<string> {
    const session = await this.liveSession({ id: principal.sessionId });
    if (!session || session.userId !== principal.userId) throw unauthenticated();
    return this.sign(session);
  }

  /** The user and session of a valid, unrevoked access token; null otherwise. */
  async verifyAccessToken(token: string): Promise<Principal | null> {
    const claims = verifyJwt(token, await this.signingSecret());
    if (!claims) return null;
    const session = await this.liveSession({ id: claims.sid });
    if (!session || session.userId !== claims.sub) return null;
    return { userId: session.userId, sessionId: session.id };
  }

  /** The session behind a raw `Cookie:` header (websocket upgrades); null if none is valid. */
  async authenticateCookieHeader(cookieHeader: string | undefined): Promise<Principal | null> {
    const token = parseCookieHeader(cookieHeader)[AUTH_COOKIES.session];
    return token ? this.verifySessionToken(token) : null;
  }

  /** The session of an opaque session-cookie token; null if unknown, revoked or expired. */
  async verifySessionToken(token: string): Promise<Principal | null> {
    if (token.length > 200) return null;
    const session = await this.liveSession({ tokenHash: sha256(token) });
    return session ? { userId: session.userId, sessionId: session.id } : null;
  }

  /**
   * HTTP: a Bearer token (CSRF-exempt), or the session cookie plus, on unsafe methods, the
   * `x-csrf-token` header equal to the `csrf` cookie (403 CSRF_MISMATCH otherwise).
   */
  async authenticateRequest(req: AppRequest): Promise<AuthContext> {
    const authorization = req.headers.authorization;
    if (authorization) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      const principal = m ? await this.verifyAccessToken(m[1]!) : null;
      if (!principal) throw unauthenticated('The access token is invalid or has expired');
      return { ...principal, via: 'bearer' };
    }
    const cookies = (req.cookies ?? {}) as Record<string, unknown>;
    const token = cookies[AUTH_COOKIES.session];
    const principal = typeof token === 'string' ? await this.verifySessionToken(token) : null;
    if (!principal) throw unauthenticated();
    if (UNSAFE.has(req.method)) {
      const header = req.headers[CSRF_HEADER];
      const csrf = cookies[AUTH_COOKIES.csrf];
      if (
        typeof header !== 'string' ||
        typeof csrf !== 'string' ||
        !csrf ||
        !safeEqual(header, csrf)
      ) {
        throw new DomainError(
          ErrorCode.CSRF_MISMATCH,
          `Cookie-authenticated requests must send the csrf cookie as ${CSRF_HEADER}`,
        );
      }
    }
    return { ...principal, via: 'cookie' };
  }

  private async startSession(user: UserEntity): Promise<IssuedSession> {
    const sessionToken = randomToken();
    const repo = this.dataSource.getRepository(SessionEntity);
    const expiresAt = new Date(Date.now() + this.config.auth.sessionTtlHours * 3600_000);
    const session = await repo.save(
      repo.create({ userId: user.id, tokenHash: sha256(sessionToken), expiresAt, revokedAt: null }),
    );
    return {
      user,
      accessToken: await this.sign(session),
      sessionToken,
      csrfToken: randomToken(24),
      expiresAt,
    };
  }

  private liveSession(where: { id: string } | { tokenHash: string }) {
    if ('id' in where && !/^[0-9a-f-]{36}$/i.test(where.id)) return Promise.resolve(null);
    return this.dataSource
      .getRepository(SessionEntity)
      .findOneBy({ ...where, revokedAt: IsNull(), expiresAt: MoreThan(new Date()) });
  }

  private async sign(session: SessionEntity): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const exp = Math.min(
      now + this.config.auth.accessTokenTtlMinutes * 60,
      Math.floor(session.expiresAt.getTime() / 1000),
    );
    return signJwt(
      { sub: session.userId, sid: session.id, iat: now, exp },
      await this.signingSecret(),
    );
  }

  /** SESSION_SECRET, or one generated once and kept in the database for every instance. */
  private signingSecret(): Promise<string> {
    if (this.config.auth.sessionSecret) return Promise.resolve(this.config.auth.sessionSecret);
    this.secret ??= (async () => {
      await this.dataSource
        .createQueryBuilder()
        .insert()
        .into(AppSecretEntity)
        .values({ name: 'session', value: randomToken(48) })
        .orIgnore()
        .execute();
      const row = await this.dataSource
        .getRepository(AppSecretEntity)
        .findOneByOrFail({ name: 'session' });
      return row.value;
    })().catch((err: unknown) => {
      this.secret = undefined;
      throw err;
    });
    return this.secret;
  }
}
