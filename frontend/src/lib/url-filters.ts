import { useCallback, useEffect, useMemo } from 'react';
import { useLocation, useSearchParams } from 'react-router';

/** How one filter is written in the address bar: `q=园区`, `state=assigned&state=accepted`,
 * `overdue=true`, `escalation_level=1`. */
export type FilterKind = 'string' | 'strings' | 'boolean' | 'number';
export type FilterSpec<F> = { [K in keyof F]?: FilterKind };

const REMEMBERED = 'zst:list-search:';

/** The filters a list's address holds; unknown or malformed parameters are left out. */
export function parseFilters<F>(params: URLSearchParams, spec: FilterSpec<F>): F {
  const out: Record<string, unknown> = {};
  for (const [key, kind] of Object.entries(spec) as [string, FilterKind][]) {
    if (kind === 'strings') {
      const all = params.getAll(key).filter(Boolean);
      if (all.length) out[key] = all;
      continue;
    }
    const raw = params.get(key);
    if (raw === null || raw === '') continue;
    if (kind === 'boolean') {
      if (raw === 'true' || raw === 'false') out[key] = raw === 'true';
    } else if (kind === 'number') {
      const n = Number(raw);
      if (Number.isFinite(n)) out[key] = n;
    } else {
      out[key] = raw;
    }
  }
  return out as F;
}

/** The address form of a set of filters: blanks are left out, lists repeat the key. */
type Scalar = string | number | boolean;

export function toSearchParams(filters: object): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters) as [string, Scalar | Scalar[] | null | undefined][]) {
    if (value === undefined || value === null || value === '') continue;
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, String(v));
  }
  return params;
}

/**
 * A list's filters and sort, kept in the address: back/forward and a shared link restore them.
 * Each change is a history entry. The last search of each list is remembered for the session,
 * so the way back from a detail page (its back button, the breadcrumb) lands on the same list.
 */
export function useUrlFilters<F extends object>(spec: FilterSpec<F>) {
  const [params, setParams] = useSearchParams();
  const { pathname } = useLocation();
  const search = params.toString();
  // The spec is a module constant: the filters change only when the address does.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const filters = useMemo(() => parseFilters<F>(new URLSearchParams(search), spec), [search]);
  useEffect(() => {
    sessionStorage.setItem(REMEMBERED + pathname, search);
  }, [pathname, search]);
  const setFilters = useCallback((next: F) => setParams(toSearchParams(next)), [setParams]);
  const patch = useCallback((change: Partial<F>) => setFilters({ ...filters, ...change }), [filters, setFilters]);
  return { filters, setFilters, patch };
}

/** A list's address with the search last used on it in this session (`/tickets?overdue=true`). */
export function listLink(path: string): string {
  const search = sessionStorage.getItem(REMEMBERED + path);
  return search ? `${path}?${search}` : path;
}

/** Signing out forgets the searches remembered in this tab: the next user starts afresh. */
export function forgetSearches(): void {
  for (const key of Object.keys(sessionStorage)) if (key.startsWith(REMEMBERED)) sessionStorage.removeItem(key);
}
