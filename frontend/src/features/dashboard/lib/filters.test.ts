import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { lastYear, monthLastYear, monthsBetween, periodDefaults, toStatsFilter } from './filters';

describe('dashboard filters', () => {
  it('sends only what the period needs, and the unit only for city-wide roles', () => {
    const f = { year: 2026, period: 'quarter', quarter: 3, month: 5, unit_id: 'u1', is_major: true };
    expect(toStatsFilter(f, true)).toEqual({ year: 2026, period: 'quarter', quarter: 3, unit_id: 'u1', is_major: true });
    expect(toStatsFilter(f, false)).toEqual({ year: 2026, period: 'quarter', quarter: 3, is_major: true });
    expect(toStatsFilter({}, true)).toEqual({ period: 'year' });
  });

  it('waits for both ends of a custom range', () => {
    expect(toStatsFilter({ period: 'custom', date_from: '2026-03-01' }, true)).toBeNull();
    expect(toStatsFilter({ period: 'custom', date_from: '2026-03-01', date_to: '2026-02-01' }, true)).toBeNull();
    expect(toStatsFilter({ period: 'custom', date_from: '2026-03-01', date_to: '2026-05-31' }, true)).toEqual({
      period: 'custom',
      date_from: '2026-03-01',
      date_to: '2026-05-31',
    });
  });

  it('defaults a new period to the one today falls in', () => {
    const today = dayjs('2026-08-15');
    expect(periodDefaults('half', today)).toMatchObject({ period: 'half', half: 2 });
    expect(periodDefaults('quarter', today)).toMatchObject({ period: 'quarter', quarter: 3 });
    expect(periodDefaults('month', today)).toMatchObject({ period: 'month', month: 8 });
    expect(periodDefaults('year', today)).toMatchObject({ period: undefined });
  });

  it('compares with the same slice one year earlier', () => {
    expect(lastYear({ period: 'month', month: 9 }, 2026)).toEqual({ period: 'month', month: 9, year: 2025 });
    expect(lastYear({ period: 'custom', date_from: '2026-02-01', date_to: '2026-03-31' }, 2026)).toEqual({
      period: 'custom',
      date_from: '2025-02-01',
      date_to: '2025-03-31',
    });
    expect(monthsBetween('2026-07-01', '2026-09-30')).toEqual(['2026-07', '2026-08', '2026-09']);
    expect(monthLastYear('2026-03')).toBe('2025-03');
  });
});
