import {
  ErrorCode,
  errorDetailOfIssue,
  LOCALES,
  proposeConnectionSchema,
  registerSchema,
} from '@coalesce/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { translate } from '../i18n/i18n';
import { ApiError } from './client';
import { describeDetail, describeError } from './errors';
import { serverFieldErrors } from '../components/ui/form';

const tx = (locale: 'nl' | 'en') => (k: string, p?: Record<string, string | number>) =>
  translate(locale, k, p);

/** The refusal reasons of the decision engine (server/src/modules/proposals/…engine.util.ts). */
const RULES = [
  'observer',
  'no_partner',
  'not_in_electorate',
  'not_decider',
  'not_coordinator',
  'not_proposer',
  'reason_required',
  'closes_at_not_future',
  'closes_at_within_consultation',
  'closed',
  'autonomous_rule',
  'not_autonomous',
  'consultation_running',
  'consultation_over',
  'invalid_transition',
  'zero_weight',
  // …and the other services' and shared schemas' rules.
  'not_workspace_partner',
  'not_active_partner',
  'partner_status',
  'affiliation_individuals_only',
  'affiliation_self',
  'affiliation_organisation',
  'not_workspace_principle',
  'invalid_cursor',
  'lead_not_involved',
  'end_before_start',
  'connection_self',
  'connection_reason',
  'consultation_too_long',
  'one_candidate',
  'listed_twice',
  'not_in_future',
  'web_address',
  'real_date',
  'instant',
  'survey_closes_in_future',
  'survey_closes_after_opens',
  'survey_self',
  'survey_not_on_roster',
  'survey_tie_incomplete',
  'survey_tie_duplicate',
  'stage_statement',
];

const leftovers = /\{\w+\}|\b[a-z_]+\.[a-z_]+\b|[A-Z]{3,}_[A-Z]+/;

describe('every error code has a sentence in both languages', () => {
  for (const locale of LOCALES) {
    for (const code of Object.values(ErrorCode)) {
      it(`${code} (${locale})`, () => {
        const s = describeError({ code }, tx(locale));
        expect(s).not.toBe(translate(locale, 'errors.generic'));
        expect(s).not.toMatch(leftovers);
      });
    }
    it(`every decision rule (${locale})`, () => {
      for (const rule of RULES) {
        const s = describeDetail({ path: [], message: 'English', rule }, tx(locale));
        expect(s, rule).not.toBe('English');
        expect(s, rule).not.toMatch(leftovers);
      }
    });
  }
});

describe('refusals read in the reader’s language, not the server’s English', () => {
  const noReason = {
    code: ErrorCode.VALIDATION_FAILED,
    details: [
      {
        path: ['reason'],
        message: 'A no vote needs a reason under consensus.',
        rule: 'reason_required',
      },
    ],
  };

  it('a consensus no without a reason', () => {
    expect(describeError(noReason, tx('nl'))).toBe(
      'Onder consensus heeft een nee-stem een reden nodig.',
    );
    expect(describeError(noReason, tx('en'))).toBe('Under consensus, a no vote needs a reason.');
  });

  it('ApiError.message and field errors follow the app’s language; the server’s words stay', () => {
    const err = new ApiError(
      400,
      noReason.code,
      'reason: A no vote needs a reason',
      noReason.details,
    );
    const i18n = vi.spyOn(localStorage, 'getItem').mockReturnValue('nl');
    expect(err.message).toBe('Onder consensus heeft een nee-stem een reden nodig.');
    expect(err.fieldError('reason')).toBe('Onder consensus heeft een nee-stem een reden nodig.');
    expect(serverFieldErrors(err, tx('en'))).toEqual({
      reason: 'Under consensus, a no vote needs a reason.',
    });
    expect(err.serverMessage).toBe('reason: A no vote needs a reason');
    i18n.mockRestore();
  });

  it('a refusal without details says what its code means', () => {
    expect(describeError({ code: 'FORBIDDEN', details: [] }, tx('nl'))).toBe(
      'Je mag dit niet doen.',
    );
    expect(describeError({ code: 'NETWORK' }, tx('en'))).toBe(translate('en', 'errors.network'));
    expect(describeError({ code: 'SOMETHING_NEW' }, tx('en'))).toBe(
      translate('en', 'errors.generic'),
    );
  });
});

describe('validation issues by their code and limit', () => {
  const details = (schema: z.ZodType, value: unknown) => {
    const r = schema.safeParse(value);
    if (r.success) throw new Error('expected issues');
    return r.error.issues.map((i) => errorDetailOfIssue(i));
  };
  const byField = (locale: 'nl' | 'en', schema: z.ZodType, value: unknown) =>
    Object.fromEntries(
      details(schema, value).map((d) => [d.path.join('.'), describeDetail(d, tx(locale))]),
    );

  it('too short, invalid email, required', () => {
    expect(
      byField('nl', registerSchema, { email: 'x', password: 'short', displayName: 'A' }),
    ).toEqual({
      email: 'Geen geldig e-mailadres',
      password: 'Minstens 10 tekens',
    });
    const missing = byField('en', registerSchema, {});
    expect(Object.keys(missing).sort()).toEqual(['displayName', 'email', 'password']);
    for (const m of Object.values(missing)) expect(m).not.toMatch(/expected|received/i);
  });

  it('too long, too small/big numbers, lists, formats, choices', () => {
    const schema = z.object({
      name: z.string().max(5),
      n: z.number().min(2).max(4),
      tags: z.array(z.string()).min(1),
      url: z.url(),
      kind: z.enum(['a', 'b']),
    });
    expect(byField('en', schema, { name: 'toolong', n: 1, tags: [], url: 'x', kind: 'c' })).toEqual(
      {
        name: 'At most 5 characters',
        n: 'At least 2',
        tags: 'Choose at least 1',
        url: 'Not a valid web address (start with https://)',
        kind: 'Choose one of the options',
      },
    );
    expect(
      byField('nl', schema, { name: 'ok', n: 9, tags: ['x'], url: 'https://a.be', kind: 'a' }),
    ).toEqual({
      n: 'Hoogstens 4',
    });
  });

  it('a reason code that is not one', () => {
    const d = details(proposeConnectionSchema, {
      fromPartnerId: '00000000-0000-4000-8000-000000000001',
      toPartnerId: '00000000-0000-4000-8000-000000000002',
      reasonCode: 'Not a code',
    });
    expect(d.map((x) => describeDetail(x, tx('nl')))).toEqual(['Niet in de verwachte vorm']);
  });

  it('our own refinements name their rule, phrased like the services’ refusals', () => {
    const id = '00000000-0000-4000-8000-000000000001';
    const d = details(proposeConnectionSchema, { fromPartnerId: id, toPartnerId: id, reason: 'x' });
    expect(d.map((x) => describeDetail(x, tx('nl')))).toEqual([
      'Een partner kan niet met zichzelf verbonden worden.',
    ]);
  });

  it('a detail from an older server without an issue code keeps its words', () => {
    expect(describeDetail({ path: ['x'], message: 'must be nice' }, tx('nl'))).toBe('must be nice');
  });
});

afterEach(() => vi.restoreAllMocks());
