import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { unwrap } from './problem';
import type { paths } from './schema';
import type { Schemas } from './types';

/** Leader assignments (市领导联系重大招商项目): shared by 项目详情 and 领导联系. */
export type Assignment = Schemas['AssignmentRead'];
export type AssignmentFilters = NonNullable<paths['/api/v1/assignments']['get']['parameters']['query']>;

export function useAssignments(filters: AssignmentFilters, enabled = true) {
  return useQuery({
    queryKey: ['assignments', 'list', filters],
    queryFn: () => unwrap(api.GET('/api/v1/assignments', { params: { query: filters } })),
    enabled,
  });
}

export function useProjectAssignments(projectId: string) {
  return useQuery({
    queryKey: ['assignments', 'project', projectId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/projects/{project_id}/assignments', { params: { path: { project_id: projectId } } })),
  });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () =>
    Promise.all([qc.invalidateQueries({ queryKey: ['assignments'] }), qc.invalidateQueries({ queryKey: ['projects'] })]);
}

export function useAssignLeader() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ projectId, leaderId, note }: { projectId: string; leaderId: string; note?: string }) =>
      unwrap(
        api.POST('/api/v1/projects/{project_id}/assignments', {
          params: { path: { project_id: projectId } },
          body: { leader_id: leaderId, note: note || null },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useEndAssignment() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      unwrap(api.POST('/api/v1/assignments/{assignment_id}/end', { params: { path: { assignment_id: id } }, body: { reason } })),
    onSuccess: invalidate,
  });
}

/** City leaders (role leader) for pickers. */
export function useLeaders(enabled = true) {
  return useQuery({
    queryKey: ['users', 'leaders'],
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/users', { params: { query: { role: 'leader', is_active: true, limit: 200 } } })))
        .items,
    staleTime: 60_000,
    enabled,
  });
}
