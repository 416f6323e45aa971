/**
 * Helpers for collaboration tests: stock providers (real tokens or a session cookie), raw
 * sockets, and a grant-table authenticator for pure protocol tests (acceptance tests of access
 * run on real users, workspaces and tokens: see collab-access.e2e-spec.ts).
 */
import type { IncomingMessage } from 'node:http';
import { type DynamicModule, Module } from '@nestjs/common';
import { CollabCloseCode } from '@coalesce/shared';
import { DataSource } from 'typeorm';
import WS from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  COLLAB_AUTHENTICATOR,
  type CollabAuthenticator,
  type CollabAuthResult,
} from '../src/modules/documents/collab/collab.auth';
import { COLLAB_OPTIONS, type CollabOptions } from '../src/modules/documents/collab/collab.options';
import { api, createWorkspace, registerUser } from './factories';
import type { TestApp, TestAppOptions } from './test-app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface Grant {
  userId: string;
  /** 'none': authenticated but not a member → 4403. */
  role: 'write' | 'read' | 'none';
  /** Authentication waits for this (to exercise the pre-auth queue). */
  gate?: Promise<void>;
  /** The account's display name (presence shows it). */
  name?: string;
}

/**
 * Tokens map to grants; precedence as in the contract: 4401 (no/unknown token) → 4404
 * (malformed or unknown document) → 4403 (not a member).
 */
export class TestCollabAuthenticator implements CollabAuthenticator {
  readonly tokens = new Map<string, Grant>();
  dataSource: DataSource | undefined;

  grant(token: string, grant: Grant): string {
    this.tokens.set(token, grant);
    return token;
  }

  async authenticate(req: IncomingMessage, documentId: string): Promise<CollabAuthResult> {
    const token = new URL(req.url ?? '/', 'http://x').searchParams.get('token');
    const grant = token ? this.tokens.get(token) : undefined;
    if (!grant) return { ok: false, code: CollabCloseCode.UNAUTHENTICATED };
    if (grant.gate) await grant.gate;
    if (!UUID.test(documentId)) return { ok: false, code: CollabCloseCode.NOT_FOUND };
    const rows: { workspaceId: string }[] = await this.dataSource!.query(
      `SELECT "workspaceId" FROM "documents" WHERE "id" = $1`,
      [documentId],
    );
    if (!rows[0]) return { ok: false, code: CollabCloseCode.NOT_FOUND };
    if (grant.role === 'none') return { ok: false, code: CollabCloseCode.FORBIDDEN };
    return {
      ok: true,
      userId: grant.userId,
      workspaceId: rows[0].workspaceId,
      readOnly: grant.role === 'read',
      ...(grant.name ? { name: grant.name } : {}),
    };
  }
}

@Module({})
class CollabOptionsModule {}

/** A global module providing smaller collab tunables (the real authenticator stays). */
export function collabOptionsModule(options: Partial<CollabOptions> = {}): DynamicModule {
  return {
    module: CollabOptionsModule,
    global: true,
    providers: [{ provide: COLLAB_OPTIONS, useValue: options }],
    exports: [COLLAB_OPTIONS],
  };
}

/** startTestApp options for protocol tests: the grant-table authenticator replaces the real one. */
export function collabTestModule(
  auth: TestCollabAuthenticator,
  options: Partial<CollabOptions> = {},
): TestAppOptions {
  return {
    imports: [collabOptionsModule(options)],
    override: (builder) =>
      builder.overrideProvider(COLLAB_AUTHENTICATOR).useFactory({
        factory: (ds: DataSource) => {
          auth.dataSource = ds;
          return auth;
        },
        inject: [DataSource],
      }),
  };
}

export const randomId = () => crypto.randomUUID();

/** One owner and workspace per app for tests that only need documents to exist. */
const owners = new WeakMap<TestApp, Promise<{ token: string; workspaceId: string }>>();
function ownerOf(t: TestApp) {
  let owner = owners.get(t);
  if (!owner) {
    owner = (async () => {
      const user = await registerUser(t);
      const workspace = await createWorkspace(t, user);
      return { token: user.token, workspaceId: workspace.id };
    })();
    owners.set(t, owner);
  }
  return owner;
}

/** A document created over the API, by `as` (a member's token in their workspace) or a default owner. */
export async function createDocument(
  t: TestApp,
  as?: { token: string; workspaceId: string },
  kind: 'vision' | 'notes' | 'principles' = 'notes',
): Promise<{ id: string; workspaceId: string }> {
  const { token, workspaceId } = as ?? (await ownerOf(t));
  const res = await api(t, token)
    .post(`/api/workspaces/${workspaceId}/documents`, { title: 'Doc', kind })
    .expect(201);
  return res.body as { id: string; workspaceId: string };
}

export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  destroy(): void;
}

/**
 * The stock y-websocket client, as a browser would use it (BroadcastChannel off: one process).
 * `{cookie}` instead of a token: the upgrade carries the session cookie, as a same-origin
 * browser's does.
 */
export function connect(t: TestApp, documentId: string, auth: string | { cookie: string }): Client {
  const doc = new Y.Doc();
  const cookie = typeof auth === 'string' ? undefined : auth.cookie;
  const Socket = cookie
    ? class extends WS {
        constructor(url: string, protocols?: string | string[]) {
          super(url, protocols, { headers: { cookie } });
        }
      }
    : WS;
  const provider = new WebsocketProvider(`ws://127.0.0.1:${t.port}/collab`, documentId, doc, {
    WebSocketPolyfill: Socket as unknown as typeof WebSocket,
    params: typeof auth === 'string' ? { token: auth } : {},
    disableBc: true,
  });
  return {
    doc,
    provider,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export function synced(c: Client): Promise<void> {
  if (c.provider.synced) return Promise.resolve();
  return new Promise((resolve) => {
    const on = (s: boolean) => {
      if (!s) return;
      c.provider.off('sync', on);
      resolve();
    };
    c.provider.on('sync', on);
  });
}

/** Resolves with the close code the server sent (the provider stops on 44xx). */
export function closedWith(c: Client): Promise<number> {
  return new Promise((resolve) => {
    c.provider.on('connection-close', (event) => {
      if (event) resolve(event.code);
    });
  });
}

/** Appends a paragraph the way y-prosemirror lays it out. */
export function addParagraph(doc: Y.Doc, text: string, marks?: Record<string, object>): void {
  doc.transact(() => {
    const p = new Y.XmlElement('paragraph');
    const t = new Y.XmlText();
    p.insert(0, [t]);
    doc.getXmlFragment('default').push([p]);
    t.insert(0, text, marks);
  });
}

/** The fragment's plain text, paragraph per line. */
export function textOf(doc: Y.Doc): string {
  return doc
    .getXmlFragment('default')
    .toArray()
    .map((n) =>
      n instanceof Y.XmlElement
        ? n
            .toArray()
            .map((c) => String(c))
            .join('')
        : '',
    )
    .join('\n')
    .replace(/<[^>]+>/g, '');
}

/** Resolves once `predicate(doc)` holds (checked now and after every update). */
export function until(doc: Y.Doc, predicate: (doc: Y.Doc) => boolean): Promise<void> {
  if (predicate(doc)) return Promise.resolve();
  return new Promise((resolve) => {
    const check = () => {
      if (!predicate(doc)) return;
      doc.off('update', check);
      resolve();
    };
    doc.on('update', check);
  });
}

/** Resolves once some remote awareness state satisfies `predicate`. */
export function seesAwareness(c: Client, predicate: (state: Record<string, unknown>) => boolean) {
  const check = () =>
    [...c.provider.awareness.getStates().entries()].some(
      ([id, s]) => id !== c.doc.clientID && predicate(s),
    );
  if (check()) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const on = () => {
      if (!check()) return;
      c.provider.awareness.off('change', on);
      resolve();
    };
    c.provider.awareness.on('change', on);
  });
}

export interface RawClient {
  ws: WS;
  /** Every binary message received, in order. */
  messages: Uint8Array[];
  opened: Promise<void>;
  closed: Promise<{ code: number; reason: string }>;
  /** Resolves on the next message received. */
  next(): Promise<Uint8Array>;
}

/** A bare socket speaking whatever bytes the test sends. */
export function rawConnect(t: TestApp, path: string, options: WS.ClientOptions = {}): RawClient {
  const ws = new WS(`ws://127.0.0.1:${t.port}${path}`, options);
  const messages: Uint8Array[] = [];
  const waiters: ((m: Uint8Array) => void)[] = [];
  ws.on('message', (data: Buffer) => {
    const m = new Uint8Array(data);
    messages.push(m);
    waiters.splice(0).forEach((w) => w(m));
  });
  ws.on('error', () => undefined);
  return {
    ws,
    messages,
    opened: new Promise((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', () => reject(new Error('upgrade refused')));
    }),
    closed: new Promise((resolve) =>
      ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    ),
    next: () => new Promise((resolve) => waiters.push(resolve)),
  };
}
