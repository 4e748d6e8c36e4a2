import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { Schemas } from '@/lib/api/types';

export type LeaderOverview = Schemas['LeaderOverview'];
export type OpenTicket = Schemas['TicketRead'];
export type OpenDecision = Schemas['DecisionRead'];
export type ProjectEvent = Schemas['ProjectEventRead'];

const KEY = ['assignments', 'mine'];

/** The leader's home: the project they lead, its next gate, open tickets and decisions, and its
 * recent events, in one request. */
export function useMyProject() {
  return useQuery({
    queryKey: KEY,
    queryFn: () => unwrap(api.GET('/api/v1/assignments/mine')),
  });
}

/** 批示 on a ticket; the handling departments are notified by the server. */
export function useInstruct(ticketId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (text: string) =>
      unwrap(api.POST('/api/v1/tickets/{ticket_id}/instructions', { params: { path: { ticket_id: ticketId } }, body: { text } })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: KEY });
      void qc.invalidateQueries({ queryKey: ['tickets'] });
    },
  });
}
