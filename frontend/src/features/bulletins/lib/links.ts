import { toSearchParams } from '@/lib/url-filters';

export interface ListQuery {
  path: string;
  query: Record<string, unknown>;
}

/** The SPA page of a figure's list query: `/api/v1/projects?…` opens `/projects?…`. */
export function listPage(q: ListQuery | null | undefined): string | null {
  if (!q || !q.path.startsWith('/api/v1/')) return null;
  const search = toSearchParams(q.query).toString();
  return `${q.path.slice('/api/v1'.length)}${search ? `?${search}` : ''}`;
}

/** 2026年上半年 from a bulletin's year and half. */
export function halfLabel(year: number, half: number): string {
  return `${year}年${half === 1 ? '上' : '下'}半年`;
}

/** The half years a coordinator may build: from this one back, newest first. */
export function buildableHalves(today: Date, count = 4): { year: number; half: number }[] {
  let year = today.getFullYear();
  let half = today.getMonth() < 6 ? 1 : 2;
  const out: { year: number; half: number }[] = [];
  for (let i = 0; i < count; i += 1) {
    out.push({ year, half });
    if (half === 2) half = 1;
    else {
      half = 2;
      year -= 1;
    }
  }
  return out;
}
