import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch } from '@/lib/api/client';
import { ApiError, unwrap } from '@/lib/api/problem';
import type { Decision, DecisionState } from '@/lib/api/meetings';
import type { Schemas } from '@/lib/api/types';

export { useDecisions, type Decision, type DecisionFilters, type DecisionState } from '@/lib/api/meetings';
export type DecisionCreate = Schemas['DecisionCreate'];
export type DecisionUpdateBody = Schemas['DecisionUpdateBody'];
export type DecisionUpdate = Schemas['DecisionUpdateRead'];
export type DecisionTicketsCreate = Schemas['DecisionTicketsCreate'];

const key = (id: string) => ['decisions', 'detail', id] as const;
const path = (id: string) => ({ params: { path: { decision_id: id } } });

export function useMeetingDecisions(meetingId: string) {
  return useQuery({
    queryKey: ['decisions', 'meeting', meetingId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/meetings/{meeting_id}/decisions', { params: { path: { meeting_id: meetingId } } })),
  });
}

export function useDecision(id: string) {
  return useQuery({
    queryKey: key(id),
    queryFn: () => unwrap(api.GET('/api/v1/decisions/{decision_id}', path(id))),
    retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
  });
}

export function useDecisionUpdates(id: string) {
  return useQuery({
    queryKey: [...key(id), 'updates'],
    queryFn: () => unwrap(api.GET('/api/v1/decisions/{decision_id}/updates', path(id))),
  });
}

/**
 * A decision shows on its meeting (counts, carried-over agenda), in lists, and its tickets
 * in 服务事项 and 待办: read them all again after a change.
 */
function useInvalidateDecisions() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: ['decisions'] }),
      qc.invalidateQueries({ queryKey: ['meetings'] }),
      qc.invalidateQueries({ queryKey: ['tickets'] }),
      qc.invalidateQueries({ queryKey: ['notifications'] }),
    ]);
}

export function useCreateDecision(meetingId: string) {
  const invalidate = useInvalidateDecisions();
  return useMutation({
    mutationFn: (body: DecisionCreate) =>
      unwrap(api.POST('/api/v1/meetings/{meeting_id}/decisions', { params: { path: { meeting_id: meetingId } }, body })),
    onSuccess: invalidate,
  });
}

export function useUpdateDecision() {
  const invalidate = useInvalidateDecisions();
  return useMutation({
    mutationFn: ({ decision, body }: { decision: Decision; body: DecisionUpdateBody }) =>
      unwrap(
        api.PATCH('/api/v1/decisions/{decision_id}', {
          params: { path: { decision_id: decision.id }, header: { 'If-Match': ifMatch(decision.version) } },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useTransitionDecision(decision: Decision) {
  const invalidate = useInvalidateDecisions();
  return useMutation({
    mutationFn: ({ to_state, note }: { to_state: DecisionState; note?: string | null }) =>
      unwrap(
        api.POST('/api/v1/decisions/{decision_id}/transitions', {
          ...path(decision.id),
          body: { expected_state: decision.state, to_state, note: note || null },
        }),
      ),
    onSettled: invalidate,
  });
}

export function useReportProgress(id: string) {
  const invalidate = useInvalidateDecisions();
  return useMutation({
    mutationFn: (body: Schemas['ProgressCreate']) =>
      unwrap(api.POST('/api/v1/decisions/{decision_id}/updates', { ...path(id), body })),
    onSuccess: invalidate,
  });
}

export function useDecisionToTickets(id: string) {
  const invalidate = useInvalidateDecisions();
  return useMutation({
    mutationFn: (body: DecisionTicketsCreate) =>
      unwrap(api.POST('/api/v1/decisions/{decision_id}/tickets', { ...path(id), body })),
    onSuccess: invalidate,
  });
}
