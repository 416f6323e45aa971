import { decodeCursor, encodeCursor } from './cursor';

describe('cursor', () => {
  it('round-trips typed keys', () => {
    const c = encodeCursor(['2026-01-01T00:00:00.000Z', '0b5e1f9a-1111-4111-8111-111111111111']);
    expect(decodeCursor(c, ['timestamp', 'uuid'])).toEqual([
      '2026-01-01T00:00:00.000Z',
      '0b5e1f9a-1111-4111-8111-111111111111',
    ]);
    expect(decodeCursor(encodeCursor(['42']), ['int'])).toEqual(['42']);
  });

  it('rejects anything else with a 400 naming cursor', () => {
    for (const bad of ['%%%', 'bm90IGpzb24', encodeCursor(['x']), encodeCursor(['1', '2'])]) {
      expect(() => decodeCursor(bad, ['int'])).toThrow(
        expect.objectContaining({
          code: 'VALIDATION_FAILED',
          details: [{ path: ['cursor'], message: expect.any(String), rule: 'invalid_cursor' }],
        }),
      );
    }
  });
});
