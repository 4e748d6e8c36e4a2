import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { Schemas } from '@/lib/api/types';

export type ServiceTeam = Schemas['ServiceTeamRead'];
export type TeamMemberCreate = Schemas['TeamMemberCreate'];

const key = (id: string) => ['projects', 'detail', id, 'service-team'] as const;

/** 保姆式服务专班: lead leader, responsible sections and service officers. */
export function useServiceTeam(projectId: string) {
  return useQuery({
    queryKey: key(projectId),
    queryFn: () =>
      unwrap(api.GET('/api/v1/projects/{project_id}/service-team', { params: { path: { project_id: projectId } } })),
  });
}

export function useAddTeamMember(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TeamMemberCreate) =>
      unwrap(
        api.POST('/api/v1/projects/{project_id}/service-team/members', {
          params: { path: { project_id: projectId } },
          body,
        }),
      ),
    onSuccess: (team) => qc.setQueryData(key(projectId), team),
  });
}

export function useRemoveTeamMember(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (memberId: string) =>
      unwrap(
        api.DELETE('/api/v1/projects/{project_id}/service-team/members/{member_id}', {
          params: { path: { project_id: projectId, member_id: memberId } },
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: key(projectId) }),
  });
}

/** People who can serve as 服务专员 (active users; the server checks eligibility). */
export function useOfficerCandidates(q: string, enabled: boolean) {
  return useQuery({
    queryKey: ['users', 'pick', q],
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/users', { params: { query: { q: q || undefined, is_active: true, limit: 50 } } })))
        .items,
    enabled,
    staleTime: 30_000,
  });
}
