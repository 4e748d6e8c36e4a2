import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { Schemas } from '@/lib/api/types';

export type LeaderOverview = Schemas['LeaderOverview'];

/** The project the signed-in leader leads, with its history and follow-ups. */
export function useMyProject() {
  return useQuery({
    queryKey: ['assignments', 'mine'],
    queryFn: () => unwrap(api.GET('/api/v1/assignments/mine')),
  });
}
