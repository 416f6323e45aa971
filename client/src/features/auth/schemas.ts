/**
 * The sign-in and registration schemas, in a chunk of their own: they bring zod (about 25 KB
 * gzip), which the sign-in page does not need to show itself. The pages fetch it right after
 * they render (`useAuthSchemas`), long before someone has typed a password.
 */
export { loginSchema, registerSchema } from '@coalesce/shared';
