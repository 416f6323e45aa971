/**
 * The one id validator: a uuid in its canonical text form, in any case (path ids, cursors and
 * socket payloads are checked with it before they reach a `uuid` column, where anything else
 * would be a database error).
 */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: unknown): value is string =>
  typeof value === 'string' && UUID_PATTERN.test(value);

/**
 * A uuid exactly as the database writes it (lower case): the collab socket refuses other
 * spellings of a document id rather than open a second copy of the document under them.
 */
export const isCanonicalUuid = (value: unknown): value is string =>
  isUuid(value) && value === value.toLowerCase();
