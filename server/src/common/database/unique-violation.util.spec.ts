import { QueryFailedError } from 'typeorm';
import { isUniqueViolation } from './unique-violation.util';

const pgError = (code: string, constraint?: string) =>
  Object.assign(new Error('duplicate key value'), { code, constraint });

describe('isUniqueViolation', () => {
  it('recognises 23505 from TypeORM and from the driver, optionally on one constraint', () => {
    const typeorm = new QueryFailedError('INSERT', [], pgError('23505', 'one_open_pair'));
    expect(isUniqueViolation(typeorm)).toBe(true);
    expect(isUniqueViolation(typeorm, 'one_open_pair')).toBe(true);
    expect(isUniqueViolation(typeorm, 'another_index')).toBe(false);
    expect(isUniqueViolation(pgError('23505'))).toBe(true);
    expect(isUniqueViolation({ driverError: pgError('23505', 'x') }, 'x')).toBe(true);
  });

  it('refuses anything else', () => {
    expect(isUniqueViolation(new QueryFailedError('INSERT', [], pgError('23503')))).toBe(false);
    expect(isUniqueViolation(new Error('23505'))).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
    expect(isUniqueViolation('23505')).toBe(false);
  });
});
