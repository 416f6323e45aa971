/**
 * The browser keeps an offline copy of every document opened in it (y-indexeddb), so a closed
 * tab or a lost network loses no edit. On a shared computer (a youth centre, a library) those
 * copies must not outlive the person: they are deleted on logout and when the member loses
 * access to the network. IndexedDB cannot say which network a copy belongs to, so a small
 * registry in localStorage remembers it.
 */
const PREFIX = 'coalesce:';
const REGISTRY_KEY = 'coalesce.offlineCopies';

export const offlineCopyName = (documentId: string) => `${PREFIX}${documentId}`;

type Registry = Record<string, string>; // documentId → workspaceId

function readRegistry(): Registry {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(REGISTRY_KEY) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Registry) : {};
  } catch {
    return {};
  }
}

function writeRegistry(r: Registry) {
  try {
    if (Object.keys(r).length) localStorage.setItem(REGISTRY_KEY, JSON.stringify(r));
    else localStorage.removeItem(REGISTRY_KEY);
  } catch {
    // Storage full or blocked: the logout sweep below still finds copies by name.
  }
}

/** Notes that the copy of `documentId` belongs to `workspaceId`. */
export function rememberOfflineCopy(documentId: string, workspaceId: string): void {
  const r = readRegistry();
  if (r[documentId] === workspaceId) return;
  r[documentId] = workspaceId;
  writeRegistry(r);
}

/** The document ids with a copy here: the registry, plus any copy by name it may have missed. */
async function copiesHere(): Promise<string[]> {
  const ids = new Set(Object.keys(readRegistry()));
  try {
    for (const db of await indexedDB.databases()) {
      if (db.name?.startsWith(PREFIX)) ids.add(db.name.slice(PREFIX.length));
    }
  } catch {
    // `databases()` is missing in some older browsers: the registry is all we know.
  }
  return [...ids];
}

/** Resolves once the database is gone (deleting waits while a connection still holds it). */
function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => resolve();
  });
}

type SessionCloser = (documentIds: string[] | undefined) => Promise<void>;
/** Set by the live-document code once loaded: lets go of the copies its sessions hold open. */
let releaseSessions: SessionCloser = () => Promise.resolve();

export function onReleaseOfflineCopies(release: SessionCloser): void {
  releaseSessions = release;
}

/** Deletes the copies of these documents (all when omitted) and forgets them. */
async function forget(documentIds: string[] | undefined): Promise<void> {
  await releaseSessions(documentIds);
  const ids = documentIds ?? (await copiesHere());
  await Promise.all(ids.map((id) => deleteDatabase(offlineCopyName(id))));
  const r = readRegistry();
  for (const id of ids) delete r[id];
  writeRegistry(documentIds ? r : {});
}

/** On logout: every offline copy in this browser goes (a shared computer keeps nothing). */
export function forgetAllOfflineCopies(): Promise<void> {
  return forget(undefined);
}

/** The member lost access to the network: the copies of its documents go. */
export function forgetOfflineCopiesOf(workspaceId: string): Promise<void> {
  const ids = Object.entries(readRegistry())
    .filter(([, w]) => w === workspaceId)
    .map(([d]) => d);
  return ids.length ? forget(ids) : Promise.resolve();
}

/** Keeps only the copies of these networks' documents (the ones the member still belongs to). */
export function forgetOfflineCopiesExcept(workspaceIds: string[]): Promise<void> {
  const keep = new Set(workspaceIds);
  const ids = Object.entries(readRegistry())
    .filter(([, w]) => !keep.has(w))
    .map(([d]) => d);
  return ids.length ? forget(ids) : Promise.resolve();
}

/** The server refused this document (no access, or gone): its copy goes. */
export function forgetOfflineCopy(documentId: string): Promise<void> {
  return forget([documentId]);
}
