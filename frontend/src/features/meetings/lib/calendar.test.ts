import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import '@/lib/format';
import { calendarRange, groupByDay } from './calendar';

describe('meeting calendar', () => {
  it('covers six weeks from the Monday on or before the 1st, in Shanghai midnights', () => {
    // 1 November 2026 is a Sunday: the page starts on Monday 26 October.
    expect(calendarRange(dayjs('2026-11-15'))).toEqual({
      starts_from: '2026-10-25T16:00:00.000Z',
      starts_before: '2026-12-06T16:00:00.000Z',
    });
    // 1 June 2026 is a Monday: the page starts on it.
    expect(calendarRange(dayjs('2026-06-30')).starts_from).toBe('2026-05-31T16:00:00.000Z');
  });

  it('puts a meeting on its Shanghai day, each day in order of time', () => {
    const days = groupByDay([
      { id: 'late', starts_at: '2026-11-20T08:00:00Z' },
      { id: 'evening-utc', starts_at: '2026-11-19T17:30:00Z' },
      { id: 'early', starts_at: '2026-11-20T01:00:00Z' },
    ]);
    expect([...days.keys()]).toEqual(['2026-11-20']);
    expect(days.get('2026-11-20')!.map((m) => m.id)).toEqual(['evening-utc', 'early', 'late']);
  });
});
