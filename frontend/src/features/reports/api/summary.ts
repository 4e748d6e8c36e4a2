import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch } from '@/lib/api/client';
import { ApiError, unwrap } from '@/lib/api/problem';
import type { Schemas } from '@/lib/api/types';

export type CitySummary = Schemas['SummaryRead'];
export type SummaryContent = Schemas['SummaryContent'];
export type SummaryVersion = Schemas['SummaryVersionRead'];
export type Comparison = Schemas['SummaryComparison'];

const key = (periodId: string) => ['reports', 'summary', periodId] as const;
const path = (periodId: string) => ({ path: { period_id: periodId } });

/** 全市汇总 of a period: the live table, the analysis draft and the published versions. */
export function useCitySummary(periodId: string) {
  return useQuery({
    queryKey: key(periodId),
    queryFn: () => unwrap(api.GET('/api/v1/report-periods/{period_id}/summary', { params: path(periodId) })),
    retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
  });
}

export function useSaveAnalysis(summary: CitySummary) {
  const qc = useQueryClient();
  const periodId = summary.period.id;
  return useMutation({
    mutationFn: (analysis: string) =>
      unwrap(
        api.PUT('/api/v1/report-periods/{period_id}/summary/analysis', {
          params: { ...path(periodId), header: { 'If-Match': ifMatch(summary.draft_version) } },
          body: { analysis },
        }),
      ),
    onSuccess: (data) => qc.setQueryData(key(periodId), data),
  });
}

/** 发布 (no reason) or 发布更正版 (with its reason), of the draft as last read. */
export function usePublishSummary(summary: CitySummary) {
  const qc = useQueryClient();
  const periodId = summary.period.id;
  return useMutation({
    mutationFn: (reason: string | null) =>
      unwrap(
        api.POST('/api/v1/report-periods/{period_id}/summary/versions', {
          params: { ...path(periodId), header: { 'If-Match': ifMatch(summary.draft_version) } },
          body: { reason },
        }),
      ),
    onSuccess: () =>
      Promise.all([qc.invalidateQueries({ queryKey: key(periodId) }), qc.invalidateQueries({ queryKey: ['notifications'] })]),
  });
}
