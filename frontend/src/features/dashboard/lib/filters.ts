import dayjs from 'dayjs';
import type { FilterSpec } from '@/lib/url-filters';
import type { StatsFilter } from '../api/stats';

/** The dashboard's address: 统计期 and the slice (`/?period=quarter&quarter=3&is_major=true`). */
export interface DashboardFilters {
  year?: number;
  period?: string;
  half?: number;
  quarter?: number;
  month?: number;
  date_from?: string;
  date_to?: string;
  unit_id?: string;
  industry_chain?: string;
  is_major?: boolean;
  is_key?: boolean;
}

export const DASHBOARD_FILTERS: FilterSpec<DashboardFilters> = {
  year: 'number',
  period: 'string',
  half: 'number',
  quarter: 'number',
  month: 'number',
  date_from: 'string',
  date_to: 'string',
  unit_id: 'string',
  industry_chain: 'string',
  is_major: 'boolean',
  is_key: 'boolean',
};

export const PERIODS = [
  { value: 'year', label: '全年' },
  { value: 'half', label: '半年' },
  { value: 'quarter', label: '季度' },
  { value: 'month', label: '月' },
  { value: 'custom', label: '自定义' },
] as const;

/** What a period needs besides the year, defaulting to the one today falls in. */
export function periodDefaults(period: string, today = dayjs()): Partial<DashboardFilters> {
  const month = today.month() + 1;
  return {
    period: period === 'year' ? undefined : period,
    half: period === 'half' ? (month <= 6 ? 1 : 2) : undefined,
    quarter: period === 'quarter' ? Math.ceil(month / 3) : undefined,
    month: period === 'month' ? month : undefined,
    date_from: undefined,
    date_to: undefined,
  };
}

/** The statistics API's query for the dashboard's address, or null while a custom range is
 * incomplete. `unit_id` is dropped for those the API scopes to their own unit anyway. */
export function toStatsFilter(f: DashboardFilters, cityWide: boolean): StatsFilter | null {
  const period = (f.period ?? 'year') as StatsFilter['period'];
  const q: StatsFilter = { period };
  if (f.year) q.year = f.year;
  if (period === 'half') q.half = f.half ?? 1;
  if (period === 'quarter') q.quarter = f.quarter ?? 1;
  if (period === 'month') q.month = f.month ?? 1;
  if (period === 'custom') {
    if (!f.date_from || !f.date_to || f.date_from > f.date_to) return null;
    q.date_from = f.date_from;
    q.date_to = f.date_to;
  }
  if (cityWide && f.unit_id) q.unit_id = f.unit_id;
  if (f.industry_chain) q.industry_chain = f.industry_chain;
  if (f.is_major !== undefined) q.is_major = f.is_major;
  if (f.is_key !== undefined) q.is_key = f.is_key;
  return q;
}

/** The same slice one year earlier (the months chart's 上年同期 series). */
export function lastYear(q: StatsFilter, thisYear: number): StatsFilter {
  if (q.period === 'custom' && q.date_from && q.date_to) {
    const back = (d: string) => dayjs(d).subtract(1, 'year').format('YYYY-MM-DD');
    return { ...q, date_from: back(q.date_from), date_to: back(q.date_to) };
  }
  return { ...q, year: (q.year ?? thisYear) - 1 };
}

/** The months a period covers, as YYYY-MM. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let d = dayjs(from).startOf('month');
  const end = dayjs(to).startOf('month');
  while (!d.isAfter(end) && out.length < 36) {
    out.push(d.format('YYYY-MM'));
    d = d.add(1, 'month');
  }
  return out;
}

/** 2026-03 → 2025-03. */
export function monthLastYear(key: string): string {
  const [y, m] = key.split('-');
  return `${Number(y) - 1}-${m}`;
}
