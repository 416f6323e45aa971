import { splitMentions } from '@coalesce/shared';

/** A member the composer can mention. */
export interface Mentionable {
  userId: string;
  displayName: string;
}

/**
 * The `@query` being typed just before the caret, if any: an `@` at the start or after white
 * space, followed by at most 40 characters without a line break or another `@`.
 */
export function mentionQueryAt(
  text: string,
  caret: number,
): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const m = /(^|\s)@([^\s@<>][^\n@<>]{0,39}|)$/.exec(before);
  if (!m) return null;
  const query = m[2] ?? '';
  // More than two words after the @ is a sentence, not a name being typed.
  if (query.split(/\s+/).length > 3) return null;
  return { start: caret - query.length - 1, query };
}

/** Members whose name matches the query (start of a word first), at most `max`. */
export function matchMembers(
  members: readonly Mentionable[],
  query: string,
  max = 6,
): Mentionable[] {
  const q = query.trim().toLocaleLowerCase();
  if (!q) return members.slice(0, max);
  const starts: Mentionable[] = [];
  const contains: Mentionable[] = [];
  for (const m of members) {
    const name = m.displayName.toLocaleLowerCase();
    if (name.startsWith(q) || name.split(/\s+/).some((w) => w.startsWith(q))) starts.push(m);
    else if (name.includes(q)) contains.push(m);
  }
  return [...starts, ...contains].slice(0, max);
}

/** Replaces the `@query` (from `start` to the caret) by `@Name `; answers the new caret. */
export function insertMention(
  text: string,
  start: number,
  caret: number,
  name: string,
): { text: string; caret: number } {
  const token = `@${name} `;
  return { text: text.slice(0, start) + token + text.slice(caret), caret: start + token.length };
}

/** The text as a reader sees it: mentions as `@Name` (unknown people as `@…`). */
export function mentionsAsNames(text: string, names: ReadonlyMap<string, string>): string {
  return splitMentions(text)
    .map((p) => ('mention' in p ? `@${names.get(p.mention) ?? '…'}` : p.text))
    .join('');
}

/**
 * The composer shows `@Name`; the API takes `<@userId>`. A picked member's `@Name` still in the
 * text becomes their token (longer names first, so "@Anna Peeters" wins over "@Anna").
 */
export function toWireText(display: string, picked: readonly Mentionable[]): string {
  const byLength = [...new Map(picked.map((m) => [m.userId, m])).values()].sort(
    (a, b) => b.displayName.length - a.displayName.length,
  );
  let out = display;
  for (const m of byLength) out = out.split(`@${m.displayName}`).join(`<@${m.userId}>`);
  return out;
}

/** A stored text as the composer shows it, with the members it mentions as already picked. */
export function toDisplayText(
  text: string,
  names: ReadonlyMap<string, string>,
): { display: string; picked: Mentionable[] } {
  const picked: Mentionable[] = [];
  const display = splitMentions(text)
    .map((p) => {
      if (!('mention' in p)) return p.text;
      const name = names.get(p.mention);
      if (!name) return `<@${p.mention}>`;
      picked.push({ userId: p.mention, displayName: name });
      return `@${name}`;
    })
    .join('');
  return { display, picked };
}
