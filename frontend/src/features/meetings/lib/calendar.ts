import dayjs, { type Dayjs } from 'dayjs';
import { APP_TIMEZONE, shanghaiDay } from '@/lib/format';

/**
 * The instants a month page of the calendar covers: six weeks from the Monday on or before
 * the 1st (antd's zh_CN calendar starts weeks on Monday), as Asia/Shanghai midnights in UTC.
 */
export function calendarRange(month: Dayjs): { starts_from: string; starts_before: string } {
  const first = month.startOf('month');
  const start = first.subtract((first.day() + 6) % 7, 'day');
  const end = start.add(42, 'day');
  const midnight = (d: Dayjs) => dayjs.tz(d.format('YYYY-MM-DD'), APP_TIMEZONE).toISOString();
  return { starts_from: midnight(start), starts_before: midnight(end) };
}

/** Meetings by their Asia/Shanghai day (YYYY-MM-DD), each day's in order of time. */
export function groupByDay<T extends { starts_at: string }>(meetings: readonly T[]): Map<string, T[]> {
  const days = new Map<string, T[]>();
  const sorted = [...meetings].sort((a, b) => a.starts_at.localeCompare(b.starts_at));
  for (const m of sorted) {
    const day = shanghaiDay(m.starts_at);
    if (!day) continue;
    days.set(day, [...(days.get(day) ?? []), m]);
  }
  return days;
}
