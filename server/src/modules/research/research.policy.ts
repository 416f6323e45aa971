/** The rules live in @coalesce/shared, so the client's research page follows the same functions. */
export { canExport, canSetResearchConsent } from '@coalesce/shared';
