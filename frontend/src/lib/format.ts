import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale('zh-cn');

export const APP_TIMEZONE = 'Asia/Shanghai';
const EMPTY = '—';

type DateInput = string | number | Date | null | undefined;

function inShanghai(value: DateInput) {
  if (value === null || value === undefined || value === '') return null;
  const d = dayjs(value);
  return d.isValid() ? d.tz(APP_TIMEZONE) : null;
}

/** 2026-11-27 18:30 (Asia/Shanghai). */
export function formatDateTime(value: DateInput): string {
  return inShanghai(value)?.format('YYYY-MM-DD HH:mm') ?? EMPTY;
}

/** 2026-11-27 18:30:05 (Asia/Shanghai), for audit trails. */
export function formatDateTimeSeconds(value: DateInput): string {
  return inShanghai(value)?.format('YYYY-MM-DD HH:mm:ss') ?? EMPTY;
}

/** 2026-11-27; business dates (YYYY-MM-DD) are shown as they are. */
export function formatDate(value: DateInput): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return inShanghai(value)?.format('YYYY-MM-DD') ?? EMPTY;
}

/** 18:30 (Asia/Shanghai). */
export function formatTime(value: DateInput): string {
  return inShanghai(value)?.format('HH:mm') ?? EMPTY;
}

/**
 * A date-time picker's value read as Asia/Shanghai wall-clock time, as ISO 8601 UTC: the
 * time a user types means Xiangtan time whatever the browser's own time zone.
 */
export function shanghaiToIso(value: Dayjs): string {
  return dayjs.tz(value.format('YYYY-MM-DD HH:mm:ss'), APP_TIMEZONE).toISOString();
}

/** The reverse of shanghaiToIso: an instant as the picker value showing its Shanghai time. */
export function isoToShanghaiPicker(value: string): Dayjs {
  return dayjs(dayjs(value).tz(APP_TIMEZONE).format('YYYY-MM-DDTHH:mm:ss'));
}

/** The Asia/Shanghai calendar day of an instant (YYYY-MM-DD), for grouping by day. */
export function shanghaiDay(value: DateInput): string | null {
  return inShanghai(value)?.format('YYYY-MM-DD') ?? null;
}

const integer = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 });

/** 12,345 */
export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? EMPTY : integer.format(value);
}

export type MoneyUnit = '万元' | '亿元';
/** 1 亿元 in 万元: figures from here up may be shown in 亿元. */
export const WAN_PER_YI = 10_000;
const yi = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 4 });

type Money = string | number | null | undefined;

function toNumber(value: Money): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

/**
 * The one unit for figures shown together (a table column, a group of amounts): 亿元 when
 * every non-zero figure is at least 1 亿, else 万元 for all, so no column mixes the two.
 */
export function moneyUnit(values: readonly Money[]): MoneyUnit {
  const figures = values.map(toNumber).filter((n): n is number => n !== null && n !== 0);
  return figures.length > 0 && figures.every((n) => Math.abs(n) >= WAN_PER_YI) ? '亿元' : '万元';
}

/** Money stored in 万元, in the given unit, always with it: 9,800 万元; 5.65 亿元. */
export function formatMoney(value: Money, unit: MoneyUnit): string {
  const n = toNumber(value);
  if (n === null) return EMPTY;
  return unit === '亿元' ? `${yi.format(n / WAN_PER_YI)} 亿元` : `${decimal.format(n)} 万元`;
}

/** One figure on its own: 9,800 万元 below 1 亿, 5.65 亿元 from there. */
export function formatWan(value: Money): string {
  return formatMoney(value, moneyUnit([value]));
}

/** A quantity with its unit and thousands separators: 1,200 人, 80.5 亩. */
export function formatQuantity(value: string | number | null | undefined, unit: string): string {
  const n = toNumber(value);
  return n === null ? EMPTY : `${decimal.format(n)} ${unit}`;
}

export function yesNo(value: boolean | null | undefined): string {
  if (value === null || value === undefined) return EMPTY;
  return value ? '是' : '否';
}

/** 812 B, 12.3 KB, 4.5 MB */
export function formatFileSize(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return EMPTY;
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
