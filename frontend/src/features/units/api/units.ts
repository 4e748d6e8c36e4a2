import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch } from '@/lib/api/client';
import { ApiError, unwrap } from '@/lib/api/problem';
import type { Schemas } from '@/lib/api/types';

export type Unit = Schemas['UnitRead'];
export type UnitCreate = Schemas['UnitCreate'];
export type UnitUpdate = Schemas['UnitUpdate'];

function useInvalidateUnits() {
  const qc = useQueryClient();
  // Unit names appear in user lists and pickers too.
  return () => Promise.all([qc.invalidateQueries({ queryKey: ['units'] }), qc.invalidateQueries({ queryKey: ['users'] })]);
}

export function useCreateUnit() {
  const invalidate = useInvalidateUnits();
  return useMutation({
    mutationFn: (body: UnitCreate) => unwrap(api.POST('/api/v1/units', { body })),
    onSuccess: invalidate,
  });
}

export function useUpdateUnit() {
  const invalidate = useInvalidateUnits();
  return useMutation({
    mutationFn: ({ unit, body }: { unit: Unit; body: UnitUpdate }) =>
      unwrap(
        api.PATCH('/api/v1/units/{unit_id}', {
          params: { path: { unit_id: unit.id }, header: { 'If-Match': ifMatch(unit.version) } },
          body,
        }),
      ),
    onSuccess: invalidate,
    onError: (err) => {
      if (err instanceof ApiError && err.status === 412) void invalidate();
    },
  });
}
