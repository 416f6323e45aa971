/**
 * The one spelling of a documents path (`/api/workspaces/<id>/documents…`): lower case (ids
 * are lower-case uuids, the route words too), no trailing slash. Null when `path` already is
 * canonical. Another spelling would hash to another replica behind the proxy.
 */
export function canonicalDocumentsPath(path: string): string | null {
  let canonical = path.toLowerCase();
  while (canonical.length > 1 && canonical.endsWith('/')) canonical = canonical.slice(0, -1);
  return canonical === path ? null : canonical;
}
