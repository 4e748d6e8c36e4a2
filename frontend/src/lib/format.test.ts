import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import {
  formatDate,
  formatDateTime,
  formatFileSize,
  formatMoney,
  formatQuantity,
  formatTime,
  formatWan,
  isoToShanghaiPicker,
  moneyUnit,
  shanghaiDay,
  shanghaiToIso,
} from './format';

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

  it('keeps one unit within a column, with the unit on every figure', () => {
    const column = ['9800', '56500', '1200000.5', null];
    const unit = moneyUnit(column);
    expect(unit).toBe('万元');
    expect(column.map((v) => formatMoney(v, unit))).toEqual(['9,800 万元', '56,500 万元', '1,200,000.5 万元', '—']);
    const large = ['56500', '120000', '0', null];
    expect(moneyUnit(large)).toBe('亿元');
    expect(large.map((v) => formatMoney(v, moneyUnit(large)))).toEqual(['5.65 亿元', '12 亿元', '0 亿元', '—']);
    expect(moneyUnit([])).toBe('万元');
    expect(formatMoney('12000.5', '亿元')).toBe('1.2001 亿元');
    expect(formatMoney('abc', '万元')).toBe('—');
  });

  it('shows quantities with separators and their unit', () => {
    expect(formatQuantity(1200, '人')).toBe('1,200 人');
    expect(formatQuantity('80.5', '亩')).toBe('80.5 亩');
    expect(formatQuantity(null, '亩')).toBe('—');
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
