import { DECISION_FILTERS, PROJECT_FILTERS, TICKET_FILTERS } from '@/lib/list-filter-specs';
import type { FilterKind } from '@/lib/url-filters';

/** The list that produces a statistic (`Figure.list_query`): an API list path and its query. */
export interface ListQuery {
  path: string;
  query: Record<string, unknown>;
}

/** Each API list the statistics name, and the SPA page showing it with its URL filters. */
const LISTS: Record<string, { route: string; spec: Record<string, FilterKind | undefined> }> = {
  '/api/v1/projects': { route: '/projects', spec: PROJECT_FILTERS },
  '/api/v1/tickets': { route: '/tickets', spec: TICKET_FILTERS },
  '/api/v1/decisions': { route: '/decisions', spec: DECISION_FILTERS },
};

type Scalar = string | number | boolean;

function isScalar(v: unknown): v is Scalar {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/**
 * The SPA address of a figure's list (`/projects?signed_from=…&stage=started&stage=operating`),
 * or null when the list page does not understand every parameter: a link that dropped one would
 * show a different total from the number clicked.
 */
export function figureLink(listQuery: ListQuery | null | undefined): string | null {
  if (!listQuery) return null;
  const list = LISTS[listQuery.path];
  if (!list) return null;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(listQuery.query)) {
    const kind = list.spec[key];
    if (!kind || value === null || value === undefined) return null;
    const values = Array.isArray(value) ? value : [value];
    if (!values.every(isScalar)) return null;
    if (kind !== 'strings' && values.length !== 1) return null;
    if (kind === 'boolean' && !values.every((v) => v === true || v === false || v === 'true' || v === 'false')) return null;
    if (kind === 'number' && !values.every((v) => Number.isFinite(Number(v)))) return null;
    for (const v of values) params.append(key, String(v));
  }
  const search = params.toString();
  return search ? `${list.route}?${search}` : list.route;
}
