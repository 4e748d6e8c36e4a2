import { describe, expect, it } from 'vitest';
import type { DepartmentRow, Figure } from '../api/stats';
import { formatDays, formatRate, rankByOnTime } from './on-time';

const fig = (key: string, count: number): Figure => ({
  key,
  label: key,
  count,
  amount: null,
  definition: '',
  list_query: { path: '/api/v1/tickets', query: {} },
});

const row = (name: string, rate: number | null, resolved: number, overdue: number): DepartmentRow => ({
  department_id: name,
  department_name: name,
  on_time_rate: rate,
  avg_working_days: rate === null ? null : 3,
  figures: [fig('overdue', overdue), fig('resolved', resolved)],
});

describe('on-time figures', () => {
  it('shows the rate as a percentage with one decimal and nothing when there is none', () => {
    expect(formatRate(0.9375)).toBe('93.8%');
    expect(formatRate(1)).toBe('100.0%');
    expect(formatRate(null)).toBe('—');
    expect(formatDays(4)).toBe('4.0');
    expect(formatDays(undefined)).toBe('—');
  });

  it('ranks the departments with resolutions by rate, then by resolutions and overdue', () => {
    const ranked = rankByOnTime([
      row('甲', 0.5, 10, 0),
      row('乙', null, 0, 9),
      row('丙', 0.9, 4, 2),
      row('丁', 0.9, 8, 5),
      row('戊', 0.9, 8, 1),
    ]);
    expect(ranked.map((r) => r.department_name)).toEqual(['戊', '丁', '丙', '甲']);
  });
});
