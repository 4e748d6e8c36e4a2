import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Attachment } from '@/components/attachments-card';
import { api, ifMatch } from '@/lib/api/client';
import type { Meeting } from '@/lib/api/meetings';
import { ApiError, unwrap } from '@/lib/api/problem';
import type { Schemas } from '@/lib/api/types';
import { uploadFile } from '@/lib/upload';

export type MeetingCreate = Schemas['MeetingCreate'];
export type MeetingUpdate = Schemas['MeetingUpdate'];
export type MinutesVersion = Schemas['MinutesVersionRead'];
export type CarriedDecision = Schemas['CarriedDecisionRead'];

const key = (id: string) => ['meetings', 'detail', id] as const;
const path = (id: string) => ({ params: { path: { meeting_id: id } } });

export function useMeeting(id: string) {
  return useQuery({
    queryKey: key(id),
    queryFn: () => unwrap(api.GET('/api/v1/meetings/{meeting_id}', path(id))),
    retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
  });
}

export function useMinutesVersions(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...key(id), 'minutes-versions'],
    queryFn: () => unwrap(api.GET('/api/v1/meetings/{meeting_id}/minutes-versions', path(id))),
    enabled,
  });
}

export function useMeetingAttachments(id: string) {
  return useQuery({
    queryKey: [...key(id), 'attachments'],
    queryFn: () => unwrap(api.GET('/api/v1/meetings/{meeting_id}/attachments', path(id))),
  });
}

/** Meetings show in lists, the calendar, pickers and their decisions: read them all again. */
export function useInvalidateMeetings() {
  const qc = useQueryClient();
  return () =>
    Promise.all([qc.invalidateQueries({ queryKey: ['meetings'] }), qc.invalidateQueries({ queryKey: ['decisions'] })]);
}

export function useCreateMeeting() {
  const invalidate = useInvalidateMeetings();
  return useMutation({
    mutationFn: (body: MeetingCreate) => unwrap(api.POST('/api/v1/meetings', { body })),
    onSuccess: invalidate,
  });
}

export function useUpdateMeeting() {
  const invalidate = useInvalidateMeetings();
  return useMutation({
    mutationFn: ({ meeting, body }: { meeting: Meeting; body: MeetingUpdate }) =>
      unwrap(
        api.PATCH('/api/v1/meetings/{meeting_id}', {
          params: { path: { meeting_id: meeting.id }, header: { 'If-Match': ifMatch(meeting.version) } },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useTransitionMeeting(meeting: Meeting) {
  const invalidate = useInvalidateMeetings();
  return useMutation({
    mutationFn: (to_state: 'held' | 'published') =>
      unwrap(
        api.POST('/api/v1/meetings/{meeting_id}/transitions', {
          ...path(meeting.id),
          body: { expected_state: meeting.state, to_state },
        }),
      ),
    // A 409 means someone moved it first: show where it is now either way.
    onSettled: invalidate,
  });
}

export function useReviseMinutes(id: string) {
  const invalidate = useInvalidateMeetings();
  return useMutation({
    mutationFn: (body: Schemas['MinutesRevision']) =>
      unwrap(api.POST('/api/v1/meetings/{meeting_id}/minutes-versions', { ...path(id), body })),
    onSuccess: invalidate,
  });
}

export function useUploadMeetingAttachment(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => uploadFile<Attachment>(`/api/v1/meetings/${id}/attachments`, file),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...key(id), 'attachments'] }),
  });
}
