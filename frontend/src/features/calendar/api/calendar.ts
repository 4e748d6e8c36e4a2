import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { Schemas } from '@/lib/api/types';

export type Override = Schemas['OverrideRead'];
export type OverridePut = Schemas['OverridePut'];

export function useOverrides(year: number) {
  return useQuery({
    queryKey: ['calendar', 'overrides', year],
    queryFn: () => unwrap(api.GET('/api/v1/calendar/overrides', { params: { query: { year } } })),
  });
}

function useInvalidate() {
  const qc = useQueryClient();
  // Due-date previews read the same calendar.
  return () => qc.invalidateQueries({ queryKey: ['calendar'] });
}

export function usePutOverride() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ day, body }: { day: string; body: OverridePut }) =>
      unwrap(api.PUT('/api/v1/calendar/overrides/{day}', { params: { path: { day } }, body })),
    onSuccess: invalidate,
  });
}

export function useDeleteOverride() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (day: string) => unwrap(api.DELETE('/api/v1/calendar/overrides/{day}', { params: { path: { day } } })),
    onSuccess: invalidate,
  });
}
