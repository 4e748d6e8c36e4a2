import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { ApiError, unwrap } from '@/lib/api/problem';
import type { Schemas } from '@/lib/api/types';

export type ReviewRound = Schemas['ReviewRoundRead'];
export type Candidate = Schemas['CandidateRead'];
export type Verdict = Schemas['ReviewVerdict'];
export type FinalItem = Schemas['FinalItem'];
export type EligibleProject = Schemas['CandidateProject'];

const path = (id: string) => ({ params: { path: { round_id: id } } });

export function useReviewRounds() {
  return useQuery({
    queryKey: ['reviews', 'rounds'],
    queryFn: () => unwrap(api.GET('/api/v1/review-rounds')),
  });
}

export function useReviewRound(id: string | undefined) {
  return useQuery({
    queryKey: ['reviews', 'round', id],
    queryFn: () => unwrap(api.GET('/api/v1/review-rounds/{round_id}', path(id!))),
    enabled: !!id,
    retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
  });
}

/**
 * Projects the caller may nominate in the round (not dropped, not yet candidates), largest
 * planned investment first, matching `q` by name or code.
 */
export function useEligibleProjects(roundId: string, q: string) {
  return useQuery({
    queryKey: ['reviews', 'round', roundId, 'eligible', q],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/review-rounds/{round_id}/eligible-projects', {
          params: { path: { round_id: roundId }, query: { q: q || undefined, limit: 20 } },
        }),
      ),
    staleTime: 10_000,
  });
}

/** A decided list marks projects (major_list_year): the project lists read again too. */
function useInvalidateReviews() {
  const qc = useQueryClient();
  return () =>
    Promise.all([qc.invalidateQueries({ queryKey: ['reviews'] }), qc.invalidateQueries({ queryKey: ['projects'] })]);
}

export function useCreateRound() {
  const invalidate = useInvalidateReviews();
  return useMutation({
    mutationFn: (body: Schemas['ReviewRoundCreate']) => unwrap(api.POST('/api/v1/review-rounds', { body })),
    onSuccess: invalidate,
  });
}

export function useNominate(roundId: string) {
  const invalidate = useInvalidateReviews();
  return useMutation({
    mutationFn: (body: Schemas['CandidateCreate']) =>
      unwrap(api.POST('/api/v1/review-rounds/{round_id}/candidates', { ...path(roundId), body })),
    onSuccess: invalidate,
  });
}

export function useRecordVerdict(roundId: string) {
  const invalidate = useInvalidateReviews();
  return useMutation({
    mutationFn: ({ candidateId, body }: { candidateId: string; body: Schemas['VerdictCreate'] }) =>
      unwrap(
        api.POST('/api/v1/review-rounds/{round_id}/candidates/{candidate_id}/verdict', {
          params: { path: { round_id: roundId, candidate_id: candidateId } },
          body,
        }),
      ),
    // A 409 means someone recorded it first: show theirs.
    onSettled: invalidate,
  });
}

export function useDecideList(roundId: string) {
  const invalidate = useInvalidateReviews();
  return useMutation({
    mutationFn: (body: Schemas['FinalListCreate']) =>
      unwrap(api.POST('/api/v1/review-rounds/{round_id}/final-list', { ...path(roundId), body })),
    onSettled: invalidate,
  });
}
