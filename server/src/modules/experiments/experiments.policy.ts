/** The rule lives in @coalesce/shared, so the client's hints follow the same function. */
export {
  canDeleteExperiment,
  canWriteExperiments,
  EXPERIMENT_DELETE_DENIED as DELETE_DENIED,
  EXPERIMENTS_WRITE_DENIED as WRITE_DENIED,
} from '@coalesce/shared';
