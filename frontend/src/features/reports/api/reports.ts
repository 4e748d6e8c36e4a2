import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch } from '@/lib/api/client';
import { ApiError, unwrap } from '@/lib/api/problem';
import type { paths } from '@/lib/api/schema';
import type { Schemas } from '@/lib/api/types';
import { PAGE_SIZE, useCursorList } from '@/lib/use-cursor-list';

export type Report = Schemas['ReportRead'];
export type ReportSummary = Schemas['ReportSummary'];
export type ReportPeriod = Schemas['PeriodRead'];
export type ReportState = Schemas['ReportState'];
export type ReportFigure = Schemas['FigureRead'];
export type ReportUpdate = Schemas['ReportUpdate'];
export type PeriodCreate = Schemas['PeriodCreate'];
type ListQuery = NonNullable<paths['/api/v1/reports']['get']['parameters']['query']>;
export type ReportFilters = Omit<ListQuery, 'cursor' | 'limit' | 'include_total'>;

const key = (id: string) => ['reports', 'detail', id] as const;
const path = (id: string) => ({ params: { path: { report_id: id } } });

/** The reports in the caller's scope, a page at a time (加载更多). */
export function useReports(filters: ReportFilters) {
  return useCursorList<ReportSummary>(['reports', 'list', filters], ({ cursor, includeTotal }) =>
    unwrap(api.GET('/api/v1/reports', { params: { query: { ...filters, cursor, limit: PAGE_SIZE, include_total: includeTotal } } })),
  );
}

/** The latest periods (for the period filter). */
export function useReportPeriods() {
  return useQuery({
    queryKey: ['reports', 'periods'],
    queryFn: () => unwrap(api.GET('/api/v1/report-periods', { params: { query: { limit: 48 } } })),
  });
}

export function useReport(id: string) {
  return useQuery({
    queryKey: key(id),
    queryFn: () => unwrap(api.GET('/api/v1/reports/{report_id}', path(id))),
    retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
  });
}

function useInvalidateReports() {
  const qc = useQueryClient();
  return () =>
    Promise.all([qc.invalidateQueries({ queryKey: ['reports'] }), qc.invalidateQueries({ queryKey: ['notifications'] })]);
}

export function useOpenPeriod() {
  const invalidate = useInvalidateReports();
  return useMutation({
    mutationFn: (body: PeriodCreate) => unwrap(api.POST('/api/v1/report-periods', { body })),
    onSuccess: invalidate,
  });
}

export function useUpdateReport(report: Report) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ReportUpdate) =>
      unwrap(
        api.PATCH('/api/v1/reports/{report_id}', {
          params: { path: { report_id: report.id }, header: { 'If-Match': ifMatch(report.version) } },
          body,
        }),
      ),
    onSuccess: (data) => {
      qc.setQueryData(key(report.id), data);
      void qc.invalidateQueries({ queryKey: ['reports', 'list'] });
    },
  });
}

export function useRefreshReport(report: Report) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/reports/{report_id}/refresh', {
          params: { path: { report_id: report.id }, header: { 'If-Match': ifMatch(report.version) } },
        }),
      ),
    onSuccess: (data) => qc.setQueryData(key(report.id), data),
  });
}

export function useTransitionReport(report: Report) {
  const invalidate = useInvalidateReports();
  return useMutation({
    mutationFn: ({ to_state, reason }: { to_state: ReportState; reason?: string | null }) =>
      unwrap(
        api.POST('/api/v1/reports/{report_id}/transitions', {
          ...path(report.id),
          body: { expected_state: report.state, to_state, reason: reason ?? null },
        }),
      ),
    onSuccess: invalidate,
  });
}
