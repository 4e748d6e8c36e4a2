import { useQuery } from '@tanstack/react-query';
import { PAGE_SIZE, useCursorList } from '@/lib/use-cursor-list';
import { api } from './client';
import { unwrap } from './problem';
import type { paths } from './schema';
import type { Schemas } from './types';

/**
 * Meetings: the list is shared by 会议 and the meeting pickers of 三级联审. Decisions
 * (议定事项): the list is shared by 议定事项, a project's 议定事项 tab and 我的项目.
 */
export type Meeting = Schemas['MeetingRead'];
export type MeetingKind = Schemas['MeetingKind'];
export type MeetingState = Schemas['MeetingState'];
export type Decision = Schemas['DecisionRead'];
export type DecisionState = Schemas['DecisionState'];

type ListQuery = NonNullable<paths['/api/v1/meetings']['get']['parameters']['query']>;
export type MeetingFilters = Omit<ListQuery, 'cursor' | 'limit' | 'include_total'>;
type DecisionQuery = NonNullable<paths['/api/v1/decisions']['get']['parameters']['query']>;
export type DecisionFilters = Omit<DecisionQuery, 'cursor' | 'limit' | 'include_total'>;

export function useMeetings(filters: MeetingFilters, enabled = true) {
  return useCursorList<Meeting>(
    ['meetings', 'list', filters],
    ({ cursor, includeTotal }) =>
      unwrap(
        api.GET('/api/v1/meetings', {
          params: { query: { ...filters, cursor, limit: PAGE_SIZE, include_total: includeTotal } },
        }),
      ),
    enabled,
  );
}

/** Every meeting matching the filters (a month on the calendar, a picker's few): all pages. */
export function useAllMeetings(filters: MeetingFilters, enabled = true) {
  return useQuery({
    queryKey: ['meetings', 'all', filters],
    queryFn: async () => {
      const all: Meeting[] = [];
      let cursor: string | undefined;
      do {
        const page = await unwrap(api.GET('/api/v1/meetings', { params: { query: { ...filters, limit: 200, cursor } } }));
        all.push(...page.items);
        cursor = page.next_cursor ?? undefined;
      } while (cursor);
      return all;
    },
    enabled,
  });
}

/** Meetings of a kind that have taken place (召开 or 纪要已印发), latest first: where a verdict is made. */
export function useHeldMeetings(kind: MeetingKind, enabled = true) {
  return useAllMeetings({ kind: [kind], state: ['held', 'published'], sort: '-starts_at' }, enabled);
}

/** Decisions in the caller's scope matching the filters, a page at a time (加载更多). */
export function useDecisions(filters: DecisionFilters, enabled = true) {
  return useCursorList<Decision>(
    ['decisions', 'list', filters],
    ({ cursor, includeTotal }) =>
      unwrap(
        api.GET('/api/v1/decisions', {
          params: { query: { ...filters, cursor, limit: PAGE_SIZE, include_total: includeTotal } },
        }),
      ),
    enabled,
  );
}
