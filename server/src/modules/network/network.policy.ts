/** The rule lives in @coalesce/shared, so the client's hints follow the same function. */
export { canSeeSuggestions, SUGGESTIONS_DENIED } from '@coalesce/shared';
