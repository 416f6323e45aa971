import { ErrorCode } from '@coalesce/shared';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { translate } from '../../i18n/i18n';
import { explainInvitationError } from './explain';

const en = (k: string, p?: Record<string, string | number>) => translate('en', k, p);

describe('explainInvitationError', () => {
  it('names each refusal of accept and decline', () => {
    const cases: [ApiError, string][] = [
      [new ApiError(410, ErrorCode.EXPIRED, 'x'), 'This invitation has expired.'],
      [new ApiError(409, ErrorCode.INVITATION_USED, 'x'), 'This invitation has already been used.'],
      [
        new ApiError(409, ErrorCode.ALREADY_MEMBER, 'x'),
        'You are already a member of this network.',
      ],
      [
        new ApiError(403, ErrorCode.FORBIDDEN, 'x'),
        'This invitation is meant for another email address.',
      ],
      [new ApiError(404, ErrorCode.NOT_FOUND, 'x'), 'This invitation does not exist (any more).'],
      [new ApiError(0, 'NETWORK', 'x'), en('errors.network')],
      // Anything else: the code's sentence in the reader's language, not the server's English.
      [
        new ApiError(400, ErrorCode.VALIDATION_FAILED, 'Server says'),
        en('errors.codes.VALIDATION_FAILED'),
      ],
    ];
    for (const [err, text] of cases) expect(explainInvitationError(err, en)).toBe(text);
    expect(explainInvitationError(new Error('boom'), en)).toBe(en('errors.generic'));
  });
});
