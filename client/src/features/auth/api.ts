import type {
  AuthResponse,
  LoginInput,
  RegisterInput,
  UpdateMeInput,
  UserDto,
} from '@coalesce/shared';
import {
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import { forgetAllOfflineCopies } from '../documents/offline-copies';

export const meKey = ['me'] as const;

/** The signed-in user, or null when the session cookie is missing or revoked. */
export const meQuery = () =>
  queryOptions({
    queryKey: meKey,
    queryFn: async () => {
      try {
        return await api<UserDto>('/me');
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 5 * 60_000,
  });

export function useMe() {
  return useQuery(meQuery());
}

/**
 * Another person's data must not survive a change of user, but `clear()` would also orphan the
 * observers of `me` (they keep watching the removed query): drop everything else instead.
 */
function switchUser(qc: QueryClient, user: UserDto | null) {
  qc.setQueryData(meKey, user);
  qc.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) =>
      api<AuthResponse>('/auth/login', { method: 'POST', body: input }),
    onSuccess: (res) => switchUser(qc, res.user),
  });
}

/** Registers, then signs in so the browser gets its session cookie. */
export function useRegister() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: RegisterInput) => {
      await api<AuthResponse>('/auth/register', { method: 'POST', body: input });
      return api<AuthResponse>('/auth/login', {
        method: 'POST',
        body: { email: input.email, password: input.password },
      });
    },
    onSuccess: (res) => switchUser(qc, res.user),
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/auth/logout', { method: 'POST' }),
    onSettled: async () => {
      switchUser(qc, null);
      // On a shared computer the next person finds no copy of the documents opened here.
      await forgetAllOfflineCopies();
    },
  });
}

export function useUpdateMe() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateMeInput) => api<UserDto>('/me', { method: 'PATCH', body: input }),
    onSuccess: (user) => qc.setQueryData(meKey, user),
  });
}
