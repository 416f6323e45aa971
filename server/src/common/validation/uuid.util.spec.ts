import { isUuid } from './uuid.util';

describe('isUuid', () => {
  it('accepts canonical uuids in any case and nothing else', () => {
    expect(isUuid('0b5e1f9a-1111-4111-8111-111111111111')).toBe(true);
    expect(isUuid('0B5E1F9A-1111-4111-8111-11111111111A')).toBe(true);
    for (const bad of ['', 'x', '0b5e1f9a11114111811111111111111', '-'.repeat(36), 42, null]) {
      expect(isUuid(bad)).toBe(false);
    }
    expect(isUuid('0b5e1f9a-1111-4111-8111-111111111111 ')).toBe(false);
  });
});
