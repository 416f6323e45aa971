import { registerSchema } from '@coalesce/shared';
import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n/i18n';
import { validate } from './form';

const tx = (k: string, p?: Record<string, string | number>) => translate('en', k, p);

describe('validate with the shared schemas', () => {
  it('names every missing field as required', () => {
    const r = validate(registerSchema, {}, tx);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.email).toBe('Required');
      expect(r.errors.password).toBe('Required');
      expect(r.errors.displayName).toBe('Required');
    }
  });
  it('explains a short password and a bad email in the reader’s words', () => {
    const r = validate(registerSchema, { email: 'x', password: 'short', displayName: 'A' }, tx);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.email).toBe('Not a valid email address');
      expect(r.errors.password).toBe('At least 10 characters');
    }
  });
  it('passes valid input through, trimmed', () => {
    const r = validate(
      registerSchema,
      { email: ' a@b.be ', password: '0123456789', displayName: 'An' },
      tx,
    );
    expect(r).toEqual({
      ok: true,
      data: { email: 'a@b.be', password: '0123456789', displayName: 'An' },
    });
  });
});
