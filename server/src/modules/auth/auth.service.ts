import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  AUTH_COOKIES,
  CSRF_HEADER,
  ErrorCode,
  type LoginInput,
  type RegisterInput,
} from '@coalesce/shared';
import { hash, verify } from '@node-rs/argon2';
import { DataSource, IsNull } from 'typeorm';
import type {
  AppRequest,
  AuthContext,
  Membership,
  RequestAuthenticator,
} from '../../common/auth/auth.types';
import { DomainError } from '../../common/errors/domain-error';
import { EventBus } from '../../common/events/event-bus';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { UserEntity } from '../users/users.entity';
import { MembersService } from '../members/members.service';
import { UsersService } from '../users/users.service';
import { emailKey } from '../users/users.util';
import { isUuid } from '../../common/validation/uuid.util';
import { AppSecretEntity } from './app-secret.entity';
import { AuthRepository } from './auth.repository';
import {
  csrfTokenFor,
  parseCookieHeader,
  randomToken,
  safeEqual,
  sha256,
  signJwt,
  verifyJwt,
} from './auth.util';
import { type LimitSpec, RateLimitService } from '../../common/rate-limit/rate-limit.service';
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

/** A live session as the request path reads it, with the caller's membership when asked. */
interface LiveSession {
  id: string;
  userId: string;
  expiresAt: Date;
  /** Only when a workspace was asked for: null when the user is not a member of it. */
  membership?: Membership | null;
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
    private readonly repository: AuthRepository,
    private readonly users: UsersService,
    private readonly members: MembersService,
    private readonly rateLimits: RateLimitService,
    private readonly bus: EventBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get limits(): { register: LimitSpec; loginAddress: LimitSpec; loginAccount: LimitSpec } {
    const a = this.config.auth;
    return {
      register: { name: 'register', points: a.registerPerHour, durationSeconds: 3600 },
      loginAddress: {
        name: 'login-address',
        points: a.loginFailuresPerAddressPer15Min,
        durationSeconds: 15 * 60,
      },
      loginAccount: {
        name: 'login-account',
        points: a.loginFailuresPer15Min,
        durationSeconds: 15 * 60,
      },
    };
  }

  /** `ip`: the client's address as TRUST_PROXY lets express see it (`req.ip`). */
  async register(input: RegisterInput, ip: string): Promise<IssuedSession> {
    await this.rateLimits.consume(this.limits.register, ip);
    const user = await this.users.create({
      email: input.email,
      passwordHash: await hash(input.password),
      displayName: input.displayName,
      locale: input.locale,
    });
    return this.startSession(user);
  }

  /**
   * Unknown email and wrong password are the same 401. Failures are limited per address (a
   * sprayer trying many emails) and per account AND address: a stranger hammering an account
   * locks out only their own address, never the owner's. Every attempt is counted up front
   * (atomic: concurrent attempts cannot slip past the limit); a success gives its points back.
   */
  async login(input: LoginInput, ip = 'unknown'): Promise<IssuedSession> {
    const { loginAddress, loginAccount } = this.limits;
    const accountKey = `${emailKey(input.email)}|${ip}`;
    await this.rateLimits.consume(loginAddress, ip);
    await this.rateLimits.consume(loginAccount, accountKey).catch(async (err: unknown) => {
      await this.rateLimits.reward(loginAddress, ip);
      throw err;
    });
    const user = await this.users.findCredentials(input.email);
    const ok = user
      ? await verify(user.passwordHash, input.password).catch(() => false)
      : await verify(await dummyHash(), input.password).then(() => false);
    if (!user || !ok) {
      throw new DomainError(ErrorCode.INVALID_CREDENTIALS, 'Email or password is wrong');
    }
    await Promise.all([
      this.rateLimits.reset(loginAccount, accountKey),
      this.rateLimits.reward(loginAddress, ip),
    ]);
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

  /**
   * Which of these sessions are still live (neither revoked nor expired): instances re-check
   * their open sockets with it while Redis, which relays revocations, is unreachable.
   */
  async liveSessionIds(sessionIds: string[]): Promise<Set<string>> {
    const ids = sessionIds.filter(isUuid);
    if (!ids.length) return new Set();
    return new Set(await this.repository.liveSessionIds(ids, new Date()));
  }

  /** A fresh access token for a live session (e.g. for the collab websocket URL). */
  async issueAccessToken(principal: Principal): Promise<string> {
    const session = await this.liveSession({ id: principal.sessionId });
    if (!session || session.userId !== principal.userId) throw unauthenticated();
    return this.sign(session);
  }

  /** The user and session of a valid, unrevoked access token; null otherwise. */
  /**
   * Whether `token` is a validly signed, unexpired access token, without asking the database
   * whether its session is still live: callers use it to decide whether other lookups are worth
   * starting alongside `verifyAccessToken` (a forged token must not cost a query).
   */
  async isSignedAccessToken(token: string): Promise<boolean> {
    return verifyJwt(token, await this.signingSecret()) !== null;
  }

  async verifyAccessToken(token: string): Promise<Principal | null> {
    const session = await this.sessionOfAccessToken(token);
    return session && { userId: session.userId, sessionId: session.id };
  }

  private async sessionOfAccessToken(
    token: string,
    workspaceId?: string,
  ): Promise<LiveSession | null> {
    const claims = verifyJwt(token, await this.signingSecret());
    if (!claims) return null;
    // The token names the user: their membership is read beside the session, not after it.
    const [session, membership] = await Promise.all([
      this.liveSession({ id: claims.sid }),
      workspaceId === undefined ? undefined : this.members.membershipOf(workspaceId, claims.sub),
    ]);
    if (!session || session.userId !== claims.sub) return null;
    return membership === undefined ? session : { ...session, membership };
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
   * `x-csrf-token` header carrying this session's CSRF token (the `csrf` cookie the client reads;
   * an HMAC of the session id, so only this session's token passes; 403 CSRF_MISMATCH otherwise).
   */
  async authenticateRequest(req: AppRequest, workspaceId?: string): Promise<AuthContext> {
    const prefetch = (session: LiveSession) => {
      if (workspaceId !== undefined && session.membership !== undefined) {
        req.prefetchedMembership = { workspaceId, membership: session.membership };
      }
    };
    const authorization = req.headers.authorization;
    if (authorization) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      const session = m ? await this.sessionOfAccessToken(m[1]!, workspaceId) : null;
      if (!session) throw unauthenticated('The access token is invalid or has expired');
      prefetch(session);
      return { userId: session.userId, sessionId: session.id, via: 'bearer' };
    }
    const cookies = (req.cookies ?? {}) as Record<string, unknown>;
    const token = cookies[AUTH_COOKIES.session];
    const session =
      typeof token === 'string' && token.length <= 200
        ? await this.liveSession({ tokenHash: sha256(token) })
        : null;
    if (!session) throw unauthenticated();
    const principal = { userId: session.userId, sessionId: session.id };
    if (UNSAFE.has(req.method)) {
      const header = req.headers[CSRF_HEADER];
      const expected = csrfTokenFor(await this.signingSecret(), session.id);
      if (typeof header !== 'string' || !safeEqual(header, expected)) {
        throw new DomainError(
          ErrorCode.CSRF_MISMATCH,
          `Cookie-authenticated requests must send the csrf cookie as ${CSRF_HEADER}`,
        );
      }
    }
    prefetch(session);
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
      csrfToken: csrfTokenFor(await this.signingSecret(), session.id),
      expiresAt,
    };
  }

  /**
   * The session if it is neither revoked nor expired — read on every request, so a logout is a
   * 401 at once on every instance.
   */
  private async liveSession(
    where: { id: string } | { tokenHash: string },
  ): Promise<LiveSession | null> {
    if ('id' in where && !isUuid(where.id)) return null;
    return this.repository.liveSession(where, new Date());
  }

  private async sign(session: Pick<SessionEntity, 'id' | 'userId' | 'expiresAt'>): Promise<string> {
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

  /**
   * A secret token derived from `id` with the server secret (HMAC-SHA256, base64url, 43 chars),
   * so a row can keep only the token's hash and still have its token recomputed by whoever
   * holds the secret. `purpose` separates the uses.
   */
  async derivedToken(purpose: string, id: string): Promise<string> {
    return createHmac('sha256', await this.signingSecret())
      .update(`${purpose}:${id}`)
      .digest('base64url');
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
