import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch } from '@/lib/api/client';
import { ApiError, unwrap } from '@/lib/api/problem';
import type { Schemas } from '@/lib/api/types';

export type Bulletin = Schemas['BulletinRead'];
export type BulletinSummary = Schemas['BulletinSummary'];
export type BulletinGroup = Schemas['GroupRead'];
export type BulletinRow = Schemas['RowRead'];
export type BulletinUpdate = Schemas['BulletinUpdate'];
export type Mention = Schemas['MentionRead'];

const path = (id: string) => ({ params: { path: { bulletin_id: id } } });

export function useBulletins() {
  return useQuery({
    queryKey: ['bulletins', 'list'],
    queryFn: () => unwrap(api.GET('/api/v1/bulletins')),
  });
}

export function useBulletin(id: string) {
  return useQuery({
    queryKey: ['bulletins', 'detail', id],
    queryFn: () => unwrap(api.GET('/api/v1/bulletins/{bulletin_id}', path(id))),
    retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
  });
}

/** Every change answers the whole bulletin: show it at once, and refresh the list. */
function useSettle() {
  const qc = useQueryClient();
  return {
    onSuccess: (bulletin: Bulletin) => {
      qc.setQueryData(['bulletins', 'detail', bulletin.id], bulletin);
      return qc.invalidateQueries({ queryKey: ['bulletins', 'list'] });
    },
  };
}

export function useCreateBulletin() {
  return useMutation({
    mutationFn: (body: { year: number; half: number }) => unwrap(api.POST('/api/v1/bulletins', { body })),
    ...useSettle(),
  });
}

export function useRebuildBulletin() {
  return useMutation({
    mutationFn: (bulletin: Bulletin) =>
      unwrap(
        api.POST('/api/v1/bulletins/{bulletin_id}/builds', {
          params: { path: { bulletin_id: bulletin.id }, header: { 'If-Match': ifMatch(bulletin.version) } },
        }),
      ),
    ...useSettle(),
  });
}

export function useUpdateBulletin() {
  return useMutation({
    mutationFn: ({ bulletin, body }: { bulletin: Bulletin; body: BulletinUpdate }) =>
      unwrap(
        api.PATCH('/api/v1/bulletins/{bulletin_id}', {
          params: { path: { bulletin_id: bulletin.id }, header: { 'If-Match': ifMatch(bulletin.version) } },
          body,
        }),
      ),
    ...useSettle(),
  });
}

export function usePublishBulletin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (bulletin: Bulletin) =>
      unwrap(
        api.POST('/api/v1/bulletins/{bulletin_id}/transitions', {
          ...path(bulletin.id),
          body: { expected_state: bulletin.state, to_state: 'published' },
        }),
      ),
    // A 409 means someone moved it first: show where it is now either way.
    onSettled: () => qc.invalidateQueries({ queryKey: ['bulletins'] }),
  });
}

export type Indicator = Schemas['IndicatorRead'];

export function useIndicators() {
  return useQuery({
    queryKey: ['assessment-indicators'],
    queryFn: () => unwrap(api.GET('/api/v1/assessment-indicators')),
  });
}

export function useUpdateIndicator() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ indicator, body }: { indicator: Indicator; body: Schemas['IndicatorUpdate'] }) =>
      unwrap(
        api.PATCH('/api/v1/assessment-indicators/{indicator_id}', {
          params: { path: { indicator_id: indicator.id }, header: { 'If-Match': ifMatch(indicator.version) } },
          body,
        }),
      ),
    onSettled: () => qc.invalidateQueries({ queryKey: ['assessment-indicators'] }),
  });
}
