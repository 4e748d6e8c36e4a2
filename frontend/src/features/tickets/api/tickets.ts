import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { ApiError, unwrap } from '@/lib/api/problem';
import { useInvalidateTickets, type Ticket, type Urgency } from '@/lib/api/tickets';
import type { Schemas } from '@/lib/api/types';
import { uploadFile } from '@/lib/upload';

export type TicketTransition = Schemas['TicketTransition'];
export type TicketEvent = Schemas['TicketEventRead'];
export type Letter = Schemas['LetterRead'];
export type Escalation = Schemas['EscalationRead'];
export type Attachment = Schemas['AttachmentRead'];
export type DueDatePreview = Schemas['DueDatePreview'];
export type EscalationRun = Schemas['EscalationRunRead'];

const key = (id: string) => ['tickets', 'detail', id] as const;
const path = (id: string) => ({ params: { path: { ticket_id: id } } });

export function useTicket(id: string) {
  return useQuery({
    queryKey: key(id),
    queryFn: () => unwrap(api.GET('/api/v1/tickets/{ticket_id}', path(id))),
    retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
  });
}

export function useTimeline(id: string) {
  return useQuery({
    queryKey: [...key(id), 'timeline'],
    queryFn: () => unwrap(api.GET('/api/v1/tickets/{ticket_id}/timeline', path(id))),
  });
}

export function useLetters(id: string) {
  return useQuery({
    queryKey: [...key(id), 'letters'],
    queryFn: () => unwrap(api.GET('/api/v1/tickets/{ticket_id}/letters', path(id))),
  });
}

export function useEscalations(id: string) {
  return useQuery({
    queryKey: [...key(id), 'escalations'],
    queryFn: () => unwrap(api.GET('/api/v1/tickets/{ticket_id}/escalations', path(id))),
  });
}

export function useAttachments(id: string) {
  return useQuery({
    queryKey: [...key(id), 'attachments'],
    queryFn: () => unwrap(api.GET('/api/v1/tickets/{ticket_id}/attachments', path(id))),
  });
}

export function useTodoSummary() {
  return useQuery({
    queryKey: ['tickets', 'todo-summary'],
    queryFn: () => unwrap(api.GET('/api/v1/tickets/todo-summary')),
  });
}

/** Due date a ticket assigned today with this urgency would get, and the days it skips. */
export function useDueDatePreview(urgency: Urgency | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['calendar', 'due-date', urgency],
    queryFn: () => unwrap(api.GET('/api/v1/calendar/due-date', { params: { query: { urgency: urgency! } } })),
    enabled: enabled && !!urgency,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

export function useTransitionTicket(ticket: Ticket) {
  const invalidate = useInvalidateTickets();
  return useMutation({
    mutationFn: (body: Omit<TicketTransition, 'expected_state'>) =>
      unwrap(
        api.POST('/api/v1/tickets/{ticket_id}/transitions', {
          ...path(ticket.id),
          body: { ...body, expected_state: ticket.state },
        }),
      ),
    // A 409 means the ticket moved on: show where it is now either way.
    onSettled: invalidate,
  });
}

export type NoteKind = 'comments' | 'nudges' | 'instructions';

export function useAddNote(id: string, kind: NoteKind) {
  const invalidate = useInvalidateTickets();
  return useMutation({
    mutationFn: (text: string) => {
      const body = { text };
      if (kind === 'nudges') return unwrap(api.POST('/api/v1/tickets/{ticket_id}/nudges', { ...path(id), body }));
      if (kind === 'instructions')
        return unwrap(api.POST('/api/v1/tickets/{ticket_id}/instructions', { ...path(id), body }));
      return unwrap(api.POST('/api/v1/tickets/{ticket_id}/comments', { ...path(id), body }));
    },
    onSuccess: invalidate,
  });
}

/** What a 督办 now would issue: level, letter kind, its number and deadline. */
export function useEscalationPreview(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...key(id), 'escalation-preview'],
    queryFn: () => unwrap(api.GET('/api/v1/tickets/{ticket_id}/escalations/preview', path(id))),
    enabled,
    staleTime: 0,
    gcTime: 0,
  });
}

export function useEscalate(id: string) {
  const invalidate = useInvalidateTickets();
  return useMutation({
    mutationFn: ({ reason, expectedLevel }: { reason: string; expectedLevel?: number }) =>
      unwrap(
        api.POST('/api/v1/tickets/{ticket_id}/escalations', {
          ...path(id),
          body: { reason, expected_level: expectedLevel ?? null },
        }),
      ),
    onSettled: invalidate,
  });
}

export function useRunEscalation() {
  const invalidate = useInvalidateTickets();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/tickets/escalation-runs')),
    onSuccess: invalidate,
  });
}

/** Multipart upload through the authenticated fetch (the typed client speaks JSON). */
export function useUploadAttachment(id: string) {
  const invalidate = useInvalidateTickets();
  return useMutation({
    mutationFn: (file: File) => uploadFile<Attachment>(`/api/v1/tickets/${id}/attachments`, file),
    onSuccess: invalidate,
  });
}
