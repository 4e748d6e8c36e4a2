import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatFileSize, formatWan } from './format';

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
});
