import { CollabCloseCode } from '@coalesce/shared';
import { startTestApp, type TestApp } from '../../../../test/test-app';
import {
  addParagraph,
  type Client,
  closedWith,
  collabTestModule,
  connect,
  createDocument,
  rawConnect,
  synced,
  TestCollabAuthenticator,
  textOf,
  until,
} from '../../../../test/collab';

describe('collaboration socket (e2e)', () => {
  const auth = new TestCollabAuthenticator();
  let t: TestApp;
  const clients: Client[] = [];
  const open = (documentId: string, token: string) => {
    const c = connect(t, documentId, token);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    auth.grant('alice', { userId: 'u-alice', role: 'write' });
    auth.grant('bob', { userId: 'u-bob', role: 'write' });
    auth.grant('carol', { userId: 'u-carol', role: 'write' });
    auth.grant('olga', { userId: 'u-olga', role: 'read' });
    auth.grant('nina', { userId: 'u-nina', role: 'none' });
    t = await startTestApp({}, { imports: [collabTestModule(auth, { unloadDelayMs: 50 })] });
  });
  afterEach(() => {
    clients.splice(0).forEach((c) => c.destroy());
  });
  afterAll(() => t.close());

  it('two providers converge; a third joining late receives everything', async () => {
    const { id } = await createDocument(t);
    const a = open(id, 'alice');
    const b = open(id, 'bob');
    await Promise.all([synced(a), synced(b)]);
    addParagraph(a.doc, 'from alice');
    addParagraph(b.doc, 'from bob');
    const both = (d: typeof a.doc) =>
      textOf(d).includes('from alice') && textOf(d).includes('from bob');
    await Promise.all([until(a.doc, both), until(b.doc, both)]);
    expect(textOf(a.doc)).toBe(textOf(b.doc));

    const c = open(id, 'carol');
    await synced(c);
    await until(c.doc, both);
    expect(textOf(c.doc)).toBe(textOf(a.doc));
  });

  it.each([
    ['no token', '', CollabCloseCode.UNAUTHENTICATED],
    ['a bad token', 'nope', CollabCloseCode.UNAUTHENTICATED],
    ['a non-member', 'nina', CollabCloseCode.FORBIDDEN],
  ])('refuses %s before sending anything', async (_what, token, code) => {
    const { id } = await createDocument(t);
    const raw = rawConnect(t, `/collab/${id}${token ? `?token=${token}` : ''}`);
    const closed = await raw.closed;
    expect(closed.code).toBe(code);
    expect(raw.messages).toHaveLength(0);
  });

  it.each([
    ['an unknown document', crypto.randomUUID()],
    ['a malformed id', 'not-a-uuid'],
  ])('refuses %s with 4404 before sending anything', async (_what, id) => {
    const raw = rawConnect(t, `/collab/${id}?token=alice`);
    const closed = await raw.closed;
    expect(closed.code).toBe(CollabCloseCode.NOT_FOUND);
    expect(raw.messages).toHaveLength(0);
  });

  it('the stock provider stops on a refusal', async () => {
    const { id } = await createDocument(t);
    const c = open(id, 'nope');
    expect(await closedWith(c)).toBe(CollabCloseCode.UNAUTHENTICATED);
  });
});
