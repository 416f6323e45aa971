import { describe, expect, it } from 'vitest';
import {
  insertMention,
  matchMembers,
  mentionQueryAt,
  mentionsAsNames,
  toDisplayText,
  toWireText,
} from './mentions';

const ANNA = '00000000-0000-4000-8000-00000000000a';
const BRAM = '00000000-0000-4000-8000-00000000000b';
const members = [
  { userId: ANNA, displayName: 'Anna Peeters' },
  { userId: BRAM, displayName: 'Bram Janssens' },
];

describe('mention picker', () => {
  it('opens on an @ at the start or after a space, with what follows as the query', () => {
    expect(mentionQueryAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQueryAt('Hi @br', 6)).toEqual({ start: 3, query: 'br' });
    expect(mentionQueryAt('Hi @Bram J', 10)).toEqual({ start: 3, query: 'Bram J' });
    // Not in an email address, not after the caret moved on to a new line.
    expect(mentionQueryAt('mail anna@example.org', 21)).toBeNull();
    expect(mentionQueryAt('Hi @br\nnext', 11)).toBeNull();
    expect(mentionQueryAt('Hi there', 8)).toBeNull();
  });

  it('matches names by the start of a word first', () => {
    expect(matchMembers(members, 'jan').map((m) => m.userId)).toEqual([BRAM]);
    expect(matchMembers(members, '').map((m) => m.userId)).toEqual([ANNA, BRAM]);
    expect(matchMembers(members, 'ee').map((m) => m.userId)).toEqual([ANNA]);
    expect(matchMembers(members, 'zz')).toEqual([]);
  });

  it('inserts @Name in place of the typed query and sends it as <@id>', () => {
    const typed = insertMention('Hi @br, ok?', 3, 6, 'Bram Janssens');
    expect(typed).toEqual({ text: 'Hi @Bram Janssens , ok?', caret: 18 });
    expect(toWireText(typed.text, [members[1]!])).toBe(`Hi <@${BRAM}> , ok?`);
    // A longer picked name wins over a shorter one it starts with.
    const anna = { userId: BRAM, displayName: 'Anna' };
    expect(toWireText('@Anna Peeters and @Anna', [anna, members[0]!])).toBe(
      `<@${ANNA}> and <@${BRAM}>`,
    );
    // Text typed by hand without picking stays text.
    expect(toWireText('@Nobody here', members)).toBe('@Nobody here');
  });

  it('shows a stored text with names, ready to edit and send back unchanged', () => {
    const stored = `Ask <@${ANNA}> or <@${BRAM}>`;
    const names = new Map(members.map((m) => [m.userId, m.displayName]));
    const { display, picked } = toDisplayText(stored, names);
    expect(display).toBe('Ask @Anna Peeters or @Bram Janssens');
    expect(toWireText(display, picked)).toBe(stored);
  });

  it('renders mentions as the member’s name', () => {
    expect(mentionsAsNames(`<@${ANNA}> and <@${BRAM}>?`, new Map([[ANNA, 'Anna']]))).toBe(
      '@Anna and @…?',
    );
  });
});
