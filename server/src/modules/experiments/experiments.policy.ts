/** The rule lives in @coalesce/shared, so the client's hints follow the same function. */
export { canWriteExperiments, EXPERIMENTS_WRITE_DENIED as WRITE_DENIED } from '@coalesce/shared';
