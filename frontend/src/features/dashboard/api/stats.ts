import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { paths } from '@/lib/api/schema';
import type { Schemas } from '@/lib/api/types';

export type Figure = Schemas['Figure'];
export type ProjectStats = Schemas['ProjectStats'];
export type Breakdown = Schemas['Breakdown'];
export type Funnel = Schemas['Funnel'];
export type DepartmentStats = Schemas['DepartmentStats'];
export type UnitStats = Schemas['UnitStats'];
export type StatsFilter = NonNullable<paths['/api/v1/stats/projects']['get']['parameters']['query']>;
export type BreakdownBy = Schemas['StatsBreakdown'];

const STALE = 60_000;

export function useProjectStats(filters: StatsFilter, enabled = true) {
  return useQuery({
    queryKey: ['stats', 'projects', filters],
    queryFn: () => unwrap(api.GET('/api/v1/stats/projects', { params: { query: filters } })),
    staleTime: STALE,
    enabled,
  });
}

export function useBreakdown(filters: StatsFilter, by: BreakdownBy, enabled = true) {
  return useQuery({
    queryKey: ['stats', 'breakdown', by, filters],
    queryFn: () => unwrap(api.GET('/api/v1/stats/projects/breakdown', { params: { query: { ...filters, by } } })),
    staleTime: STALE,
    enabled,
  });
}

export function useFunnel(filters: StatsFilter, enabled = true) {
  return useQuery({
    queryKey: ['stats', 'funnel', filters],
    queryFn: () => unwrap(api.GET('/api/v1/stats/projects/funnel', { params: { query: filters } })),
    staleTime: STALE,
    enabled,
  });
}

export function useDepartmentStats(filters: StatsFilter, enabled = true) {
  return useQuery({
    queryKey: ['stats', 'departments', filters],
    queryFn: () => unwrap(api.GET('/api/v1/stats/tickets/departments', { params: { query: filters } })),
    staleTime: STALE,
    enabled,
  });
}

export function useDecisionUnits(enabled = true) {
  return useQuery({
    queryKey: ['stats', 'decision-units'],
    queryFn: () => unwrap(api.GET('/api/v1/stats/decisions/units')),
    staleTime: STALE,
    enabled,
  });
}

export type KeyProjectStats = Schemas['KeyProjectStats'];
export type KeyProjectRow = Schemas['KeyProjectRow'];

/** 重点项目（保姆式服务）in the slice, each with its open items and their lists, in one request. */
export function useKeyProjects(filters: StatsFilter, enabled = true) {
  return useQuery({
    queryKey: ['stats', 'key-projects', filters],
    queryFn: () => unwrap(api.GET('/api/v1/stats/projects/key', { params: { query: filters } })),
    staleTime: STALE,
    enabled,
  });
}

export type LeaderStats = Schemas['LeaderStats'];
export type LeaderRow = Schemas['LeaderRow'];
export type DepartmentRow = Schemas['DepartmentRow'];

/** 市领导联系项目: each city leader's project with its open items (the period does not apply). */
export function useLeaderBoard(filters: StatsFilter, enabled = true) {
  return useQuery({
    queryKey: ['stats', 'leaders', filters],
    queryFn: () => unwrap(api.GET('/api/v1/stats/leaders', { params: { query: filters } })),
    staleTime: STALE,
    enabled,
  });
}

/** Each statistics table's workbook: its `/export` route, taking the table's own filters. */
export const STATS_EXPORTS = {
  projects: '/api/v1/stats/projects/export',
  breakdown: '/api/v1/stats/projects/breakdown/export',
  funnel: '/api/v1/stats/projects/funnel/export',
  departments: '/api/v1/stats/tickets/departments/export',
  decisionUnits: '/api/v1/stats/decisions/units/export',
  leaders: '/api/v1/stats/leaders/export',
  keyProjects: '/api/v1/stats/projects/key/export',
} as const satisfies Record<string, keyof paths>;
