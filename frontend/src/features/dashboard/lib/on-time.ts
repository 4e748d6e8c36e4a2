import type { DepartmentRow } from '../api/stats';
import { byKey } from './figures';

const pct = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** 0.9375 → 93.8%; no resolutions in the period → —. */
export function formatRate(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${pct.format(rate * 100)}%`;
}

/** 3.5 工作日; none → —. */
export function formatDays(days: number | null | undefined): string {
  return days === null || days === undefined ? '—' : pct.format(days);
}

/** The departments with resolutions in the period, best on-time rate first (ties: more
 * resolutions first, then fewer overdue, then the name), for the ranked chart. */
export function rankByOnTime(rows: readonly DepartmentRow[]): DepartmentRow[] {
  const resolved = (r: DepartmentRow) => byKey(r.figures, 'resolved')?.count ?? 0;
  const overdue = (r: DepartmentRow) => byKey(r.figures, 'overdue')?.count ?? 0;
  return rows
    .filter((r) => r.on_time_rate !== null && r.on_time_rate !== undefined)
    .sort(
      (a, b) =>
        (b.on_time_rate ?? 0) - (a.on_time_rate ?? 0) ||
        resolved(b) - resolved(a) ||
        overdue(a) - overdue(b) ||
        a.department_name.localeCompare(b.department_name, 'zh-CN'),
    );
}
