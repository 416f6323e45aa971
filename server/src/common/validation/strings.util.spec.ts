import { badPathSegment, badQueryParam, findBadString, isBadString } from './strings.util';

describe('the string rule', () => {
  it.each([
    ['a\u0000b', true],
    ['\ud800', true],
    ['x\udc00', true],
    ['\udc00\ud800', true],
    ['😀 ok', false],
    ['plain', false],
    ['', false],
  ])('%j bad: %s', (s, bad) => expect(isBadString(s)).toBe(bad));

  it('names the first bad value or key', () => {
    expect(findBadString({ a: [{ b: 'ok' }, { c: 'x\u0000' }] }, ['body'])).toEqual([
      'body',
      'a',
      1,
      'c',
    ]);
    expect(findBadString({ ['k\ud800']: 1 })).toEqual(['k\ud800']);
    expect(findBadString({ a: 1, b: null, c: ['fine'] })).toBeNull();
  });

  it('checks decoded path segments', () => {
    expect(badPathSegment('/api/invitations/ab%00cd/accept')).toBe(3);
    expect(badPathSegment('/api/x/%ED%A0%80')).toBe(3);
    expect(badPathSegment('/api/x/%E2%82%AC')).toBeNull();
  });

  it('checks raw query parameters', () => {
    expect(badQueryParam('a=1&b=x%00')).toBe('b');
    expect(badQueryParam('a=%ED%A0%80')).toBe('a');
    expect(badQueryParam('%00=1')).toBe('0');
    expect(badQueryParam('q=caf%C3%A9+au+lait&x')).toBeNull();
  });
});
