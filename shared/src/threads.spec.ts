import { describe, expect, it } from 'vitest';
import {
  createThreadSchema,
  mentionedUserIds,
  newlyMentioned,
  splitMentions,
  threadListQuerySchema,
} from './threads.js';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const DOC = '00000000-0000-4000-8000-0000000000f1';

describe('mentions', () => {
  it('finds each mentioned user once, lower case, in order', () => {
    expect(mentionedUserIds(`<@${B}> and <@${A.toUpperCase()}> and <@${B}>`)).toEqual([B, A]);
    expect(mentionedUserIds('<@not-a-uuid> @someone')).toEqual([]);
  });
  it('an edit notifies only the newly mentioned', () => {
    expect(newlyMentioned(`<@${A}>`, `<@${A}> <@${B}>`)).toEqual([B]);
    expect(newlyMentioned(`<@${A}> <@${B}>`, `<@${A}>`)).toEqual([]);
  });
  it('splits a text into runs and mentions', () => {
    expect(splitMentions(`Hi <@${A}>!`)).toEqual([{ text: 'Hi ' }, { mention: A }, { text: '!' }]);
    expect(splitMentions('plain')).toEqual([{ text: 'plain' }]);
  });
});

describe('thread schemas', () => {
  const anchor = { start: 'AQIDBA==', end: 'CQgH', quote: 'every child' };
  it('a document subject needs an anchor of base64 positions and a short quote', () => {
    const ok = createThreadSchema.safeParse({
      subject: { type: 'document', id: DOC, anchor },
      text: 'x',
    });
    expect(ok.success).toBe(true);
    for (const bad of [
      { ...anchor, start: 'not base64!' },
      { ...anchor, end: 'abc' },
      { ...anchor, start: '' },
      { ...anchor, end: 'QUJD'.repeat(200) },
      { ...anchor, quote: 'q'.repeat(2001) },
    ]) {
      const r = createThreadSchema.safeParse({
        subject: { type: 'document', id: DOC, anchor: bad },
        text: 'x',
      });
      expect(r.success, JSON.stringify(bad).slice(0, 60)).toBe(false);
    }
    expect(
      createThreadSchema.safeParse({ subject: { type: 'document', id: DOC }, text: 'x' }).success,
    ).toBe(false);
  });
  it('text is not blank and at most 20,000 characters', () => {
    const subject = { type: 'proposal', id: DOC };
    expect(createThreadSchema.safeParse({ subject, text: ' \n ' }).success).toBe(false);
    expect(createThreadSchema.safeParse({ subject, text: 'x'.repeat(20_000) }).success).toBe(true);
    expect(createThreadSchema.safeParse({ subject, text: 'x'.repeat(20_001) }).success).toBe(false);
  });
  it('the list filters: subjectId needs subjectType; resolved is true or false', () => {
    expect(threadListQuerySchema.parse({ resolved: 'false' }).resolved).toBe(false);
    expect(threadListQuerySchema.safeParse({ subjectId: DOC }).success).toBe(false);
    expect(threadListQuerySchema.safeParse({ resolved: 'yes' }).success).toBe(false);
  });
});
