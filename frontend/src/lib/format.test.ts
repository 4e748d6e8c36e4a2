import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import { formatDate, formatDateTime, formatFileSize, formatTime, formatWan, isoToShanghaiPicker, shanghaiDay, shanghaiToIso } from './format';

describe('formatting', () => {
  it('shows UTC instants in Asia/Shanghai', () => {
    expect(formatDateTime('2026-11-27T16:30:00Z')).toBe('2026-11-28 00:30');
    expect(formatDate('2026-11-27T16:30:00Z')).toBe('2026-11-28');
    expect(formatDate('2026-03-01')).toBe('2026-03-01');
    expect(formatDateTime(null)).toBe('—');
  });

  it('shows money in 万元 below 1 亿 and in 亿元 from there', () => {
    expect(formatWan('9800')).toBe('9,800 万元');
    expect(formatWan('56500')).toBe('5.65 亿元');
    expect(formatWan(null)).toBe('—');
  });

  it('shows file sizes in B, KB and MB', () => {
    expect(formatFileSize(812)).toBe('812 B');
    expect(formatFileSize(12_595)).toBe('12.3 KB');
    expect(formatFileSize(4_718_592)).toBe('4.5 MB');
    expect(formatFileSize(null)).toBe('—');
  });

  it('reads a picked date-time as Xiangtan time whatever the browser zone', () => {
    expect(shanghaiToIso(dayjs('2026-11-20T10:00:00'))).toBe('2026-11-20T02:00:00.000Z');
    expect(isoToShanghaiPicker('2026-11-20T02:00:00Z').format('YYYY-MM-DD HH:mm')).toBe('2026-11-20 10:00');
    expect(formatTime('2026-11-20T02:05:00Z')).toBe('10:05');
    expect(shanghaiDay('2026-11-19T17:30:00Z')).toBe('2026-11-20');
  });
});
