import { useMutation, useQueryClient } from '@tanstack/react-query';
import { PAGE_SIZE, useCursorList } from '@/lib/use-cursor-list';
import { api } from './client';
import { unwrap } from './problem';
import type { paths } from './schema';
import type { Schemas } from './types';

/** Service tickets (交办督办): the list and the raise form are shared by 服务事项, 待办 and 项目详情. */
export type Ticket = Schemas['TicketRead'];
export type TicketCreate = Schemas['TicketCreate'];
export type TicketState = Schemas['TicketState'];
export type Urgency = Schemas['Urgency'];

type ListQuery = NonNullable<paths['/api/v1/tickets']['get']['parameters']['query']>;
export type TicketFilters = Omit<ListQuery, 'cursor' | 'limit' | 'include_total'>;

export function useTickets(filters: TicketFilters) {
  return useCursorList<Ticket>(['tickets', 'list', filters], ({ cursor, includeTotal }) =>
    unwrap(
      api.GET('/api/v1/tickets', {
        params: { query: { ...filters, cursor, limit: PAGE_SIZE, include_total: includeTotal } },
      }),
    ),
  );
}

/**
 * Everything that shows tickets or their counts reads again after a change; a ticket made
 * from a meeting decision also reports its steps on that decision.
 */
export function useInvalidateTickets() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: ['tickets'] }),
      qc.invalidateQueries({ queryKey: ['notifications'] }),
      qc.invalidateQueries({ queryKey: ['decisions'] }),
    ]);
}

export function useCreateTicket() {
  const invalidate = useInvalidateTickets();
  return useMutation({
    mutationFn: (body: TicketCreate) => unwrap(api.POST('/api/v1/tickets', { body })),
    onSuccess: invalidate,
  });
}
