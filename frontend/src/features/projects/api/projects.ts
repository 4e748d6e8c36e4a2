import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, rawRequest, toQueryString } from '@/lib/api/client';
import { ApiError, toProblem, unwrap } from '@/lib/api/problem';
import type { paths } from '@/lib/api/schema';
import type { Schemas } from '@/lib/api/types';
import { filenameFrom, saveBlob } from '@/lib/download';
import { PAGE_SIZE, useCursorList } from '@/lib/use-cursor-list';

export type Project = Schemas['ProjectRead'];
export type ProjectCreate = Schemas['ProjectCreate'];
export type ProjectUpdate = Schemas['ProjectUpdate'];
export type Stage = Schemas['Stage'];
export type NextStage = Schemas['NextStage'];
export type TransitionCreate = Schemas['TransitionCreate'];
export type StageChange = Schemas['StageChangeRead'];
export type Approval = Schemas['ApprovalRead'];
export type Evaluation = Schemas['EvaluationRead'];
export type EvaluationCreate = Schemas['EvaluationCreate'];
export type FollowUp = Schemas['FollowUpRead'];
export type FollowUpCreate = Schemas['FollowUpCreate'];

type ListQuery = NonNullable<paths['/api/v1/projects']['get']['parameters']['query']>;
export type ProjectFilters = Omit<ListQuery, 'cursor' | 'limit' | 'include_total'>;

const key = (id: string) => ['projects', 'detail', id] as const;

export function useProjects(filters: ProjectFilters) {
  return useCursorList<Project>(['projects', 'list', filters], ({ cursor, includeTotal }) =>
    unwrap(
      api.GET('/api/v1/projects', {
        params: { query: { ...filters, cursor, limit: PAGE_SIZE, include_total: includeTotal } },
      }),
    ),
  );
}

export function useProject(id: string) {
  return useQuery({
    queryKey: key(id),
    queryFn: () => unwrap(api.GET('/api/v1/projects/{project_id}', { params: { path: { project_id: id } } })),
    retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
  });
}

function useInvalidateProject() {
  const qc = useQueryClient();
  // Stage, marks and leaders show in lists, assignments and the leader's view too.
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: ['projects'] }),
      qc.invalidateQueries({ queryKey: ['assignments'] }),
    ]);
}

export function useCreateProject() {
  const invalidate = useInvalidateProject();
  return useMutation({
    mutationFn: (body: ProjectCreate) => unwrap(api.POST('/api/v1/projects', { body })),
    onSuccess: invalidate,
  });
}

export function useUpdateProject() {
  const invalidate = useInvalidateProject();
  return useMutation({
    mutationFn: ({ project, body }: { project: Project; body: ProjectUpdate }) =>
      unwrap(
        api.PATCH('/api/v1/projects/{project_id}', {
          params: { path: { project_id: project.id }, header: { 'If-Match': ifMatch(project.version) } },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useDeleteProject() {
  const invalidate = useInvalidateProject();
  return useMutation({
    mutationFn: (project: Project) =>
      unwrap(
        api.DELETE('/api/v1/projects/{project_id}', {
          params: { path: { project_id: project.id }, header: { 'If-Match': ifMatch(project.version) } },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useNextStages(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...key(id), 'next-stages'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/projects/{project_id}/next-stages', { params: { path: { project_id: id } } })),
    enabled,
  });
}

export function useTransition(id: string) {
  const invalidate = useInvalidateProject();
  return useMutation({
    mutationFn: (body: TransitionCreate) =>
      unwrap(api.POST('/api/v1/projects/{project_id}/transitions', { params: { path: { project_id: id } }, body })),
    onSuccess: invalidate,
    onError: invalidate,
  });
}

export function useStageHistory(id: string) {
  return useQuery({
    queryKey: [...key(id), 'transitions'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/projects/{project_id}/transitions', { params: { path: { project_id: id } } })),
  });
}

export function useApprovals(id: string) {
  return useQuery({
    queryKey: [...key(id), 'approvals'],
    queryFn: () => unwrap(api.GET('/api/v1/projects/{project_id}/approvals', { params: { path: { project_id: id } } })),
  });
}

export function useApprove(id: string) {
  const invalidate = useInvalidateProject();
  return useMutation({
    mutationFn: (opinion: string) =>
      unwrap(
        api.POST('/api/v1/projects/{project_id}/approvals', { params: { path: { project_id: id } }, body: { opinion } }),
      ),
    onSuccess: invalidate,
  });
}

export function useEvaluations(id: string) {
  return useQuery({
    queryKey: [...key(id), 'evaluations'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/projects/{project_id}/evaluations', { params: { path: { project_id: id } } })),
  });
}

export function useAddEvaluation(id: string) {
  const invalidate = useInvalidateProject();
  return useMutation({
    mutationFn: (body: EvaluationCreate) =>
      unwrap(api.POST('/api/v1/projects/{project_id}/evaluations', { params: { path: { project_id: id } }, body })),
    onSuccess: invalidate,
  });
}

export function useFollowUps(id: string) {
  return useQuery({
    queryKey: [...key(id), 'follow-ups'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/projects/{project_id}/follow-ups', { params: { path: { project_id: id } } })),
  });
}

export function useAddFollowUp(id: string) {
  const invalidate = useInvalidateProject();
  return useMutation({
    mutationFn: (body: FollowUpCreate) =>
      unwrap(api.POST('/api/v1/projects/{project_id}/follow-ups', { params: { path: { project_id: id } }, body })),
    onSuccess: invalidate,
  });
}

export function useSetKey(id: string) {
  const invalidate = useInvalidateProject();
  return useMutation({
    mutationFn: (is_key: boolean) =>
      unwrap(api.PUT('/api/v1/projects/{project_id}/key', { params: { path: { project_id: id } }, body: { is_key } })),
    onSuccess: invalidate,
  });
}

export function useDuplicates(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...key(id), 'duplicates'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/projects/{project_id}/duplicates', { params: { path: { project_id: id } } })),
    enabled,
  });
}

/** Excel transfers go through the authenticated fetch; errors are problems like any other. */
async function excel(path: string, init?: RequestInit): Promise<Response> {
  const response = await rawRequest(path, init);
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    throw new ApiError(response.status, toProblem(response.status, body));
  }
  return response;
}

async function download(path: string, fallback: string): Promise<void> {
  const response = await excel(path);
  saveBlob(await response.blob(), filenameFrom(response.headers.get('Content-Disposition'), fallback));
}

/** Excel: the blank template and the current list as a spreadsheet. */
export function downloadTemplate(): Promise<void> {
  return download('/api/v1/projects/import-template', '项目导入模板.xlsx');
}

export function exportProjects(filters: ProjectFilters): Promise<void> {
  return download(`/api/v1/projects/export${toQueryString(filters)}`, '招商项目.xlsx');
}

/** All rows or none: a refused file answers 422 with per-row `rows`. Returns the count imported. */
export function useImportProjects() {
  const invalidate = useInvalidateProject();
  return useMutation({
    mutationFn: async (file: File) => {
      const form = new FormData();
      form.append('file', file);
      const response = await excel('/api/v1/projects/imports', { method: 'POST', body: form });
      const body = (await response.json()) as Record<string, unknown>;
      return Number(body.imported ?? 0);
    },
    onSuccess: invalidate,
  });
}
