import { z } from 'zod';
import { LOCALES } from './domain.js';
import { LIMITS } from './limits.js';
import { zName } from './schemas.js';

/** Trimmed; compared case-insensitively by the server. */
export const zEmail = z
  .string()
  .trim()
  .max(LIMITS.emailMax)
  .pipe(z.email('must be an email address'));
export const zLocale = z.enum(LOCALES);
export const zPassword = z.string().min(LIMITS.passwordMin).max(LIMITS.passwordMax);

export const registerSchema = z.object({
  email: zEmail,
  password: zPassword,
  displayName: zName,
  locale: zLocale.optional(),
});
export type RegisterInput = z.infer<typeof registerSchema>;

/** Login does not check the password's length rules: a wrong password is simply a 401. */
export const loginSchema = z.object({
  email: z.string().trim().min(1, 'must not be empty').max(LIMITS.emailMax),
  password: z.string().min(1, 'must not be empty').max(LIMITS.passwordMax),
});
export type LoginInput = z.infer<typeof loginSchema>;

export const updateMeSchema = z.object({
  displayName: zName.optional(),
  locale: zLocale.optional(),
});
export type UpdateMeInput = z.infer<typeof updateMeSchema>;

export interface UserDto {
  id: string;
  email: string;
  displayName: string;
  locale: (typeof LOCALES)[number];
  createdAt: string;
}

export interface AuthResponse {
  user: UserDto;
  accessToken: string;
}

/** Cookie names the server sets at login (double-submit CSRF: send `csrf` back as `x-csrf-token`). */
export const AUTH_COOKIES = { session: 'coalesce_session', csrf: 'csrf' } as const;
export const CSRF_HEADER = 'x-csrf-token';
