import { QueryFailedError } from 'typeorm';
import { isDatabaseOutage } from './database-outage.util';

describe('isDatabaseOutage', () => {
  it.each([
    [
      Object.assign(new Error('terminating connection due to administrator command'), {
        code: '57P01',
      }),
      true,
    ],
    [new Error('Connection terminated unexpectedly'), true],
    [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      true,
    ],
    [new QueryFailedError('SELECT 1', [], Object.assign(new Error('x'), { code: '08006' })), true],
    [
      new QueryFailedError('SELECT 1', [], Object.assign(new Error('dup'), { code: '23505' })),
      false,
    ],
    [new Error('something else'), false],
    [null, false],
  ])('%s → %s', (err, expected) => expect(isDatabaseOutage(err)).toBe(expected));
});
