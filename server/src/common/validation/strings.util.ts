/**
 * One rule for every string that reaches the API: no NUL characters (PostgreSQL text cannot hold
 * them) and no unpaired UTF-16 surrogates (not encodable as UTF-8). Checked once at the edge on
 * the parsed body (values and keys), the query and the path, so no handler ever sees one.
 */

// A NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const BAD = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const isBadString = (s: string): boolean => BAD.test(s);

export const BAD_STRING_MESSAGE = 'contains a NUL character or an unpaired UTF-16 surrogate';

/** The path of the first bad string (or key) in `value`, or null. Depth-bounded by the JSON. */
export function findBadString(
  value: unknown,
  path: (string | number)[] = [],
): (string | number)[] | null {
  if (typeof value === 'string') return isBadString(value) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findBadString(value[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (isBadString(key)) return [...path, key];
      const found = findBadString(v, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/** The index of the first path segment that decodes to a bad string (or does not decode). */
export function badPathSegment(path: string): number | null {
  const segments = path.split('/');
  for (let i = 0; i < segments.length; i++) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segments[i]!);
    } catch {
      return i;
    }
    if (isBadString(decoded)) return i;
  }
  return null;
}

/**
 * The first query parameter (name, or its position when the name itself is bad) whose raw
 * form does not decode as UTF-8 or decodes to a bad string. The query parser would otherwise keep
 * such a value percent-encoded, silently.
 */
export function badQueryParam(rawQuery: string): string | null {
  if (!rawQuery) return null;
  const pairs = rawQuery.split('&');
  for (let i = 0; i < pairs.length; i++) {
    const [rawName = '', rawValue = ''] = pairs[i]!.split('=', 2);
    const decode = (x: string) => decodeURIComponent(x.replace(/\+/g, ' '));
    let name: string;
    try {
      name = decode(rawName);
    } catch {
      return String(i);
    }
    if (isBadString(name)) return String(i);
    try {
      if (isBadString(decode(rawValue))) return name;
    } catch {
      return name;
    }
  }
  return null;
}
