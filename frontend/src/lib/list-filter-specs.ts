import type { paths } from '@/lib/api/schema';
import type { FilterSpec } from '@/lib/url-filters';

type ListFilters<P extends keyof paths> = Omit<
  NonNullable<paths[P] extends { get: { parameters: { query?: infer Q } } } ? Q : never>,
  'cursor' | 'limit' | 'include_total'
>;
export type ProjectListFilters = ListFilters<'/api/v1/projects'>;
export type TicketListFilters = ListFilters<'/api/v1/tickets'>;
export type DecisionListFilters = ListFilters<'/api/v1/decisions'>;

/** The URL filters of each list page: what its address may hold. A statistic links to a list
 * only with parameters its page understands, so the list shows the figure's own total. */
export const PROJECT_FILTERS: FilterSpec<ProjectListFilters> = {
  q: 'string',
  stage: 'strings',
  owner_unit_id: 'string',
  industry_chain: 'string',
  source_channel: 'string',
  leader_id: 'string',
  signed_from: 'string',
  signed_to: 'string',
  signed_amount_min: 'string',
  started_from: 'string',
  started_to: 'string',
  major_list_year: 'number',
  is_major: 'boolean',
  is_key: 'boolean',
  stale: 'boolean',
  possible_duplicate: 'boolean',
  is_confidential: 'boolean',
  sort: 'string',
};

export const TICKET_FILTERS: FilterSpec<TicketListFilters> = {
  q: 'string',
  state: 'strings',
  urgency: 'string',
  escalation_level: 'number',
  department_id: 'string',
  unit_id: 'string',
  project_id: 'string',
  overdue: 'boolean',
  due_soon: 'boolean',
  resolved_from: 'string',
  resolved_to: 'string',
  resolved_on_time: 'boolean',
  mine: 'boolean',
  sort: 'string',
};

export const DECISION_FILTERS: FilterSpec<DecisionListFilters> = {
  q: 'string',
  state: 'strings',
  kind: 'strings',
  unit_id: 'string',
  project_id: 'string',
  meeting_id: 'string',
  overdue: 'boolean',
  mine: 'boolean',
  sort: 'string',
};
