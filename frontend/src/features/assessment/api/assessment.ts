import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { Schemas } from '@/lib/api/types';
import { uploadFile } from '@/lib/upload';

export type Scheme = Schemas['SchemeRead'];
export type SchemeSummary = Schemas['SchemeSummary'];
export type SchemeItem = Schemas['SchemeItemRead'];
export type SchemeItemWrite = Schemas['SchemeItemWrite'];
export type Computation = Schemas['ComputationRead'];
export type Target = Schemas['TargetRead'];
export type TargetWrite = Schemas['TargetWrite'];
export type UnitGroup = Scheme['unit_group'];

export function useComputations() {
  return useQuery({
    queryKey: ['assessment', 'computations'],
    queryFn: () => unwrap(api.GET('/api/v1/assessment/computations')),
    staleTime: Infinity,
  });
}

export function useSchemes(year: number) {
  return useQuery({
    queryKey: ['assessment', 'schemes', year],
    queryFn: () => unwrap(api.GET('/api/v1/assessment/schemes', { params: { query: { year } } })),
  });
}

export function useScheme(id: string | undefined) {
  return useQuery({
    queryKey: ['assessment', 'scheme', id],
    queryFn: () => unwrap(api.GET('/api/v1/assessment/schemes/{scheme_id}', { params: { path: { scheme_id: id! } } })),
    enabled: !!id,
  });
}

/** Every change answers the whole scheme: show it, and refresh the year's list. */
function useSettle() {
  const qc = useQueryClient();
  return {
    onSuccess: (scheme: Scheme) => {
      qc.setQueryData(['assessment', 'scheme', scheme.id], scheme);
      return qc.invalidateQueries({ queryKey: ['assessment', 'schemes'] });
    },
  };
}

export function useCreateScheme() {
  return useMutation({
    mutationFn: (body: { year: number; unit_group: UnitGroup }) =>
      unwrap(api.POST('/api/v1/assessment/schemes', { body })),
    ...useSettle(),
  });
}

export function useUpdateScheme() {
  return useMutation({
    mutationFn: ({ scheme, body }: { scheme: Scheme; body: Schemas['SchemeUpdate'] }) =>
      unwrap(
        api.PATCH('/api/v1/assessment/schemes/{scheme_id}', {
          params: { path: { scheme_id: scheme.id }, header: { 'If-Match': ifMatch(scheme.version) } },
          body,
        }),
      ),
    ...useSettle(),
  });
}

export function usePublishScheme() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (scheme: Scheme) =>
      unwrap(
        api.POST('/api/v1/assessment/schemes/{scheme_id}/transitions', {
          params: { path: { scheme_id: scheme.id } },
          body: { expected_state: scheme.state, to_state: 'published' },
        }),
      ),
    onSettled: () => qc.invalidateQueries({ queryKey: ['assessment'] }),
  });
}

export function useReviseScheme() {
  return useMutation({
    mutationFn: ({ scheme, reason }: { scheme: Scheme; reason: string }) =>
      unwrap(
        api.POST('/api/v1/assessment/schemes/{scheme_id}/revisions', {
          params: { path: { scheme_id: scheme.id } },
          body: { reason },
        }),
      ),
    ...useSettle(),
  });
}

export function useTargets(year: number) {
  return useQuery({
    queryKey: ['assessment', 'targets', year],
    queryFn: () => unwrap(api.GET('/api/v1/assessment/targets', { params: { query: { year } } })),
  });
}

export function usePutTarget() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ target, body }: { target: Target; body: TargetWrite }) =>
      unwrap(
        api.PUT('/api/v1/assessment/targets/{year}/{unit_id}', {
          params: {
            path: { year: target.year, unit_id: target.unit_id },
            // "0" while none are set: a second "first" answers 412.
            header: { 'If-Match': ifMatch(target.version ?? 0) },
          },
          body,
        }),
      ),
    onSettled: (_data, _err, { target }) => qc.invalidateQueries({ queryKey: ['assessment', 'targets', target.year] }),
  });
}

export function useImportTargets(year: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) =>
      uploadFile<Schemas['TargetImportResult']>(`/api/v1/assessment/targets/${year}/imports`, file),
    onSettled: () => qc.invalidateQueries({ queryKey: ['assessment', 'targets', year] }),
  });
}

export type SchemePreview = Schemas['SchemePreview'];
export type PreviewRow = Schemas['PreviewRow'];

export function usePreview(id: string | undefined) {
  return useQuery({
    queryKey: ['assessment', 'preview', id],
    queryFn: () =>
      unwrap(api.GET('/api/v1/assessment/schemes/{scheme_id}/preview', { params: { path: { scheme_id: id! } } })),
    enabled: !!id,
  });
}

export type Round = Schemas['RoundRead'];
export type RoundSummary = Schemas['RoundSummary'];
export type Result = Schemas['ResultRead'];
export type ResultItem = Schemas['ResultItem'];

export function useRounds(year: number) {
  return useQuery({
    queryKey: ['assessment', 'rounds', year],
    queryFn: () => unwrap(api.GET('/api/v1/assessment/rounds', { params: { query: { year } } })),
  });
}

export function useRound(id: string | undefined) {
  return useQuery({
    queryKey: ['assessment', 'round', id],
    queryFn: () => unwrap(api.GET('/api/v1/assessment/rounds/{round_id}', { params: { path: { round_id: id! } } })),
    enabled: !!id,
  });
}

export function useOpenRound() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (schemeId: string) => unwrap(api.POST('/api/v1/assessment/rounds', { body: { scheme_id: schemeId } })),
    onSettled: () => qc.invalidateQueries({ queryKey: ['assessment'] }),
  });
}

export function useScoreItem() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({
      roundId,
      result,
      itemId,
      body,
    }: {
      roundId: string;
      result: Result;
      itemId: string;
      body: Schemas['HandScore'];
    }) =>
      unwrap(
        api.PUT('/api/v1/assessment/rounds/{round_id}/results/{unit_id}/items/{item_id}', {
          params: {
            path: { round_id: roundId, unit_id: result.unit_id, item_id: itemId },
            header: { 'If-Match': ifMatch(result.version) },
          },
          body,
        }),
      ),
    // The group's ranks move with one unit's total: read the whole round again.
    onSettled: (_data, _err, { roundId }) => qc.invalidateQueries({ queryKey: ['assessment', 'round', roundId] }),
  });
}

/** 公示 (office, `open` → `objection`) or 确认 (supervisor, `objection` → `final`). */
export function useMoveRound() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ round, to }: { round: Round; to: 'objection' | 'final' }) =>
      unwrap(
        api.POST('/api/v1/assessment/rounds/{round_id}/transitions', {
          params: { path: { round_id: round.id } },
          body: { expected_state: round.state, to_state: to },
        }),
      ),
    onSettled: () => qc.invalidateQueries({ queryKey: ['assessment'] }),
  });
}

export type SelfReport = Schemas['SelfReportRead'];
export type Objection = Schemas['ObjectionRead'];

/** A unit's 自评 on one hand item, then its evidence files one by one. */
export function useSelfReport(roundId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({
      unitId,
      itemId,
      current,
      body,
      files,
    }: {
      unitId: string;
      itemId: string;
      current: SelfReport | undefined;
      body: Schemas['SelfReportWrite'];
      files: File[];
    }) => {
      const report = await unwrap(
        api.PUT('/api/v1/assessment/rounds/{round_id}/results/{unit_id}/items/{item_id}/self-report', {
          params: {
            path: { round_id: roundId, unit_id: unitId, item_id: itemId },
            // "0" for the first: a second "first" answers 412.
            header: { 'If-Match': ifMatch(current?.version ?? 0) },
          },
          body,
        }),
      );
      for (const file of files) {
        await uploadFile<Schemas['AttachmentRead']>(`/api/v1/assessment/self-reports/${report.id}/attachments`, file);
      }
      return report;
    },
    onSettled: () => qc.invalidateQueries({ queryKey: ['assessment', 'round', roundId] }),
  });
}

export function useRaiseObjection(roundId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ unitId, itemId, reason }: { unitId: string; itemId: string; reason: string }) =>
      unwrap(
        api.POST('/api/v1/assessment/rounds/{round_id}/results/{unit_id}/items/{item_id}/objections', {
          params: { path: { round_id: roundId, unit_id: unitId, item_id: itemId } },
          body: { reason },
        }),
      ),
    onSettled: () => qc.invalidateQueries({ queryKey: ['assessment'] }),
  });
}

export function useObjections(year: number, enabled: boolean) {
  return useQuery({
    queryKey: ['assessment', 'objections', year],
    queryFn: () => unwrap(api.GET('/api/v1/assessment/objections', { params: { query: { year } } })),
    enabled,
  });
}

export function useAnswerObjection() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({
      objection,
      body,
    }: {
      objection: Objection;
      body: Omit<Schemas['ObjectionTransition'], 'expected_state'>;
    }) =>
      unwrap(
        api.POST('/api/v1/assessment/objections/{objection_id}/transitions', {
          params: { path: { objection_id: objection.id } },
          body: { ...body, expected_state: objection.state },
        }),
      ),
    onSettled: () => qc.invalidateQueries({ queryKey: ['assessment'] }),
  });
}

export type Nomination = Schemas['NominationRead'];
export type Awards = Schemas['AwardsRead'];
export type Award = Schemas['AwardRead'];

export function useNominations(roundId: string) {
  return useQuery({
    queryKey: ['assessment', 'nominations', roundId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/assessment/rounds/{round_id}/nominations', { params: { path: { round_id: roundId } } })),
  });
}

export function useNominate(roundId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ unitId, body }: { unitId: string; body: Schemas['NominationCreate'] }) =>
      unwrap(
        api.POST('/api/v1/assessment/rounds/{round_id}/results/{unit_id}/nominations', {
          params: { path: { round_id: roundId, unit_id: unitId } },
          body,
        }),
      ),
    onSettled: () => qc.invalidateQueries({ queryKey: ['assessment', 'nominations', roundId] }),
  });
}

export function useAnswerNomination(roundId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ nomination, to, answer }: { nomination: Nomination; to: 'approved' | 'rejected'; answer: string }) =>
      unwrap(
        api.POST('/api/v1/assessment/nominations/{nomination_id}/transitions', {
          params: { path: { nomination_id: nomination.id } },
          body: { expected_state: nomination.state, to_state: to, answer },
        }),
      ),
    // An answer discards a split made before it.
    onSettled: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: ['assessment', 'nominations', roundId] }),
        qc.invalidateQueries({ queryKey: ['assessment', 'awards', roundId] }),
      ]),
  });
}

export function useAwards(roundId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['assessment', 'awards', roundId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/assessment/rounds/{round_id}/awards', { params: { path: { round_id: roundId } } })),
    enabled,
  });
}

export function useGenerateAwards(roundId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/assessment/rounds/{round_id}/awards', { params: { path: { round_id: roundId } } })),
    onSuccess: (awards) => qc.setQueryData(['assessment', 'awards', roundId], awards),
  });
}

export function useAdjustAwards(roundId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['AwardAdjust']) =>
      unwrap(api.PUT('/api/v1/assessment/rounds/{round_id}/awards', { params: { path: { round_id: roundId } }, body })),
    onSuccess: (awards) => qc.setQueryData(['assessment', 'awards', roundId], awards),
  });
}
