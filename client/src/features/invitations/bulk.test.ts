import { describe, expect, it } from 'vitest';
import { parseBulkInvites } from './bulk';

const partners = [
  { id: 'p1', name: 'Sportclub Genk' },
  { id: 'p2', name: 'Basisschool De Regenboog, Genk' },
];

describe('parseBulkInvites', () => {
  it('reads one email per line, with an optional partner matched case-insensitively', () => {
    const lines = parseBulkInvites(
      'an@school.be\n\n  bram@club.be ,  sportclub   GENK \nchris@x.be, basisschool de regenboog, genk',
      partners,
    );
    expect(lines).toEqual([
      { line: 1, ok: true, email: 'an@school.be', partnerId: null, partnerName: null },
      { line: 3, ok: true, email: 'bram@club.be', partnerId: 'p1', partnerName: 'Sportclub Genk' },
      {
        line: 4,
        ok: true,
        email: 'chris@x.be',
        partnerId: 'p2',
        partnerName: 'Basisschool De Regenboog, Genk',
      },
    ]);
  });

  it('flags an unknown partner, a bad address and a repeated address on their own line', () => {
    const lines = parseBulkInvites(
      'an@school.be, Jeugdhuis\nnot-an-email\nAN@school.be\nan@school.be',
      partners,
    );
    expect(lines.map((l) => [l.line, l.ok ? 'ok' : l.error])).toEqual([
      [1, 'partner'],
      [2, 'email'],
      [3, 'ok'],
      [4, 'duplicate'],
    ]);
    expect(lines[0]).toMatchObject({ partnerName: 'Jeugdhuis' });
    expect(lines[1]).toMatchObject({ text: 'not-an-email' });
  });

  it('gives nothing for empty text', () => {
    expect(parseBulkInvites('  \n\n', partners)).toEqual([]);
  });
});
