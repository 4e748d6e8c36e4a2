import type { Figure } from '../api/stats';

export const WAN_PER_YI = 10_000;
const yi = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const wan = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const count = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });

/** 565.12 (亿元) from an exact amount in 万元. */
export function toYi(amount: string | number | null | undefined): number {
  const n = Number(amount ?? 0);
  return Number.isFinite(n) ? n / WAN_PER_YI : 0;
}

export function formatYi(amount: string | number | null | undefined): string {
  return yi.format(toYi(amount));
}

/** The exact amount as stored: 5,651,234.56 万元. */
export function formatExactWan(amount: string | number | null | undefined): string {
  const n = Number(amount ?? 0);
  return `${wan.format(Number.isFinite(n) ? n : 0)} 万元`;
}

export function formatCount(n: number): string {
  return count.format(n);
}

export function byKey(figures: readonly Figure[] | undefined, key: string): Figure | undefined {
  return figures?.find((f) => f.key === key);
}

/** 增 17（+21.3%）, 减 3（−4.0%）, 持平; the percentage only when last year had any. */
export function change(now: number, before: number, unit = ''): { text: string; sign: -1 | 0 | 1 } {
  const diff = now - before;
  if (Math.abs(diff) < 1e-9) return { text: '持平', sign: 0 };
  const amount = Number.isInteger(diff) ? formatCount(Math.abs(diff)) : yi.format(Math.abs(diff));
  const pct = before !== 0 ? `（${diff > 0 ? '+' : '−'}${Math.abs((diff / before) * 100).toFixed(1)}%）` : '';
  return { text: `${diff > 0 ? '增' : '减'} ${amount}${unit}${pct}`, sign: diff > 0 ? 1 : -1 };
}
