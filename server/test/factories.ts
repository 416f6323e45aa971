import { randomBytes } from 'node:crypto';
import type {
  ActivityEventDto,
  AuthResponse,
  ClientToServerEvents,
  CreateInvitationInput,
  CreatePartnerInput,
  CreateWorkspaceInput,
  CreatedInvitationDto,
  MemberDto,
  PartnerDto,
  Role,
  ServerToClientEvents,
  UserDto,
  WorkspaceDto,
} from '@coalesce/shared';
import { io, type Socket } from 'socket.io-client';
import request from 'supertest';
import type { TestApp } from './test-app';

/**
 * Factories for e2e tests: each call builds fresh data over the public API (unique emails),
 * so test files can run in parallel against one database.
 */

type Target = TestApp | string;
const baseOf = (t: Target) => (typeof t === 'string' ? t : t.baseUrl);

export const uniqueSuffix = () => `${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
export const uniqueEmail = (prefix = 'user') => `${prefix}-${uniqueSuffix()}@example.test`;
export const DEFAULT_PASSWORD = 'correct horse battery';

export interface TestUser extends UserDto {
  password: string;
  /** Bearer access token from registration. */
  token: string;
}

/** HTTP calls as `token` (Bearer), or anonymous without one. */
export function api(t: Target, token?: string) {
  const base = baseOf(t);
  const withAuth = (r: request.Test) => (token ? r.set('authorization', `Bearer ${token}`) : r);
  return {
    get: (path: string) => withAuth(request(base).get(path)),
    post: (path: string, body?: object) => withAuth(request(base).post(path)).send(body ?? {}),
    patch: (path: string, body?: object) => withAuth(request(base).patch(path)).send(body ?? {}),
    put: (path: string, body?: object) => withAuth(request(base).put(path)).send(body ?? {}),
    delete: (path: string) => withAuth(request(base).delete(path)),
  };
}

function expectStatus(res: request.Response, status: number, what: string): void {
  if (res.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  }
}

export async function registerUser(
  t: Target,
  overrides: Partial<{
    email: string;
    password: string;
    displayName: string;
    locale: 'nl' | 'en';
  }> = {},
): Promise<TestUser> {
  const password = overrides.password ?? DEFAULT_PASSWORD;
  const body = {
    email: overrides.email ?? uniqueEmail(),
    password,
    displayName: overrides.displayName ?? `User ${uniqueSuffix().slice(-6)}`,
    ...(overrides.locale ? { locale: overrides.locale } : {}),
  };
  const res = await request(baseOf(t)).post('/api/auth/register').send(body);
  expectStatus(res, 201, 'register');
  const { user, accessToken } = res.body as AuthResponse;
  return { ...user, password, token: accessToken };
}

/** A browser-like session: a cookie jar plus the csrf token to echo in `x-csrf-token`. */
export async function loginWithCookies(t: Target, user: Pick<TestUser, 'email' | 'password'>) {
  const agent = request.agent(baseOf(t));
  const res = await agent
    .post('/api/auth/login')
    .send({ email: user.email, password: user.password });
  expectStatus(res, 200, 'login');
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const csrf = /(?:^|\s)csrf=([^;]+)/.exec(cookies.find((c) => c.startsWith('csrf=')) ?? '')?.[1];
  if (!csrf) throw new Error('login set no csrf cookie');
  const session = cookies.find((c) => c.startsWith('coalesce_session='))?.split(';')[0];
  return {
    agent,
    csrf: decodeURIComponent(csrf),
    cookieHeader: `${session}; csrf=${csrf}`,
    accessToken: res.body.accessToken as string,
  };
}

export async function createWorkspace(
  t: Target,
  owner: Pick<TestUser, 'token'>,
  input: Partial<CreateWorkspaceInput> = {},
): Promise<WorkspaceDto> {
  const res = await api(t, owner.token).post('/api/workspaces', {
    name: input.name ?? `Network ${uniqueSuffix().slice(-6)}`,
    ...input,
  });
  expectStatus(res, 201, 'create workspace');
  return res.body as WorkspaceDto;
}

export async function invite(
  t: Target,
  coordinator: Pick<TestUser, 'token'>,
  workspaceId: string,
  input: Partial<CreateInvitationInput> = {},
): Promise<CreatedInvitationDto> {
  const res = await api(t, coordinator.token).post(`/api/workspaces/${workspaceId}/invitations`, {
    role: 'member',
    ...input,
  });
  expectStatus(res, 201, 'invite');
  return res.body as CreatedInvitationDto;
}

export async function acceptInvitation(
  t: Target,
  user: Pick<TestUser, 'token'>,
  token: string,
): Promise<MemberDto> {
  const res = await api(t, user.token).post(`/api/invitations/${token}/accept`);
  expectStatus(res, 200, 'accept invitation');
  return res.body as MemberDto;
}

/** Registers a new user and makes them a member (invite + accept) with the given role. */
export async function addMember(
  t: Target,
  coordinator: Pick<TestUser, 'token'>,
  workspaceId: string,
  role: Role = 'member',
  options: { broker?: boolean; partnerId?: string | null; user?: TestUser } = {},
): Promise<TestUser & { membership: MemberDto }> {
  const user = options.user ?? (await registerUser(t));
  const inv = await invite(t, coordinator, workspaceId, {
    role,
    broker: options.broker,
    partnerId: options.partnerId,
  });
  const membership = await acceptInvitation(t, user, inv.token);
  return { ...user, membership };
}

/** A coordinator with a fresh workspace, plus members of the given roles. */
export async function workspaceWithMembers(t: Target, roles: Role[] = []) {
  const coordinator = await registerUser(t);
  const workspace = await createWorkspace(t, coordinator);
  const members: (TestUser & { membership: MemberDto })[] = [];
  for (const role of roles) members.push(await addMember(t, coordinator, workspace.id, role));
  return { coordinator, workspace, members };
}

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A connected socket.io client (auth by token, or by a Cookie header); rejects on connect_error. */
export function connectSocket(
  t: TestApp,
  auth: { token: string } | { cookie: string },
): Promise<TestSocket> {
  const socket: TestSocket = io(t.baseUrl, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...('token' in auth
      ? { auth: { token: auth.token } }
      : { extraHeaders: { cookie: auth.cookie } }),
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

export function joinWorkspace(socket: TestSocket, workspaceId: string) {
  return socket.timeout(5000).emitWithAck('workspace:join', { workspaceId });
}

/** Resolves with the first `event` matching `predicate`; rejects after `timeoutMs`. */
export function nextEvent(
  socket: TestSocket,
  predicate: (e: ActivityEventDto) => boolean = () => true,
  timeoutMs = 1000,
): Promise<ActivityEventDto> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off('event', onEvent);
      reject(new Error(`no matching event within ${timeoutMs} ms`));
    }, timeoutMs);
    const onEvent = (e: ActivityEventDto) => {
      if (!predicate(e)) return;
      clearTimeout(timer);
      socket.off('event', onEvent);
      resolve(e);
    };
    socket.on('event', onEvent);
  });
}

/** Collects every `event` a socket receives (to assert that nothing arrived). */
export function recordEvents(socket: TestSocket): ActivityEventDto[] {
  const seen: ActivityEventDto[] = [];
  socket.on('event', (e) => seen.push(e));
  return seen;
}

/** Adds an `active` partner directly (coordinator). */
export async function createPartner(
  t: Target,
  coordinator: Pick<TestUser, 'token'>,
  workspaceId: string,
  input: Partial<CreatePartnerInput> = {},
): Promise<PartnerDto> {
  const res = await api(t, coordinator.token).post(`/api/workspaces/${workspaceId}/partners`, {
    kind: 'organisation',
    name: `Partner ${uniqueSuffix().slice(-6)}`,
    actorType: 'education',
    ...input,
  });
  expectStatus(res, 201, 'create partner');
  return res.body as PartnerDto;
}

/** A partner plus a member representing it. */
export async function partnerWithRepresentative(
  t: Target,
  coordinator: Pick<TestUser, 'token'>,
  workspaceId: string,
  input: Partial<CreatePartnerInput> = {},
  role: Role = 'member',
) {
  const partner = await createPartner(t, coordinator, workspaceId, input);
  const rep = await addMember(t, coordinator, workspaceId, role, { partnerId: partner.id });
  return { partner, rep };
}

/**
 * GET `path` and collect the body whatever its content type (CSV, GEXF, ZIP downloads):
 * as bytes, or as UTF-8 text.
 */
export function download(
  t: TestApp,
  token: string | undefined,
  path: string,
  as: 'bytes' | 'text' = 'bytes',
) {
  const r = request(t.baseUrl).get(path);
  if (token) r.set('authorization', `Bearer ${token}`);
  return r.buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => {
      const body = Buffer.concat(chunks);
      cb(null, as === 'text' ? body.toString('utf8') : body);
    });
  });
}
