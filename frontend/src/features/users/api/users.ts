import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch } from '@/lib/api/client';
import { ApiError, unwrap } from '@/lib/api/problem';
import type { Role, Schemas } from '@/lib/api/types';
import { PAGE_SIZE, useCursorList } from '@/lib/use-cursor-list';

export type User = Schemas['UserRead'];
export type UserCreate = Schemas['UserCreate'];
export type UserUpdate = Schemas['UserUpdate'];

export interface UserFilters {
  role?: Role;
  unit_id?: string;
  /** With `unit_id`: the users of its parks too (a district picked in the unit tree). */
  include_sub_units?: boolean;
  is_active?: boolean;
  q?: string;
  sort?: string;
}

export function useUsers(filters: UserFilters) {
  return useCursorList<User>(['users', 'list', filters], ({ cursor, includeTotal }) =>
    unwrap(
      api.GET('/api/v1/users', {
        params: { query: { ...filters, cursor, limit: PAGE_SIZE, include_total: includeTotal } },
      }),
    ),
  );
}

function useInvalidateUsers() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['users'] });
}

export function useCreateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (body: UserCreate) => unwrap(api.POST('/api/v1/users', { body })),
    onSuccess: invalidate,
  });
}

export function useUpdateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ user, body }: { user: User; body: UserUpdate }) =>
      unwrap(
        api.PATCH('/api/v1/users/{user_id}', {
          params: { path: { user_id: user.id }, header: { 'If-Match': ifMatch(user.version) } },
          body,
        }),
      ),
    onSuccess: invalidate,
    onError: (err) => {
      // Someone else saved first: reload so the next edit starts from fresh data.
      if (err instanceof ApiError && err.status === 412) void invalidate();
    },
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: ({ userId, newPassword }: { userId: string; newPassword: string }) =>
      unwrap(
        api.POST('/api/v1/users/{user_id}/password-reset', {
          params: { path: { user_id: userId } },
          body: { new_password: newPassword },
        }),
      ),
  });
}
