import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { Schemas } from '@/lib/api/types';
import { PAGE_SIZE, useCursorList } from '@/lib/use-cursor-list';

export type ApiClient = Schemas['ApiClientRead'];
export type ApiClientCreate = Schemas['ApiClientCreate'];
export type ApiClientCreated = Schemas['ApiClientCreated'];

export function useApiClients() {
  return useCursorList<ApiClient>(['api-clients', 'list'], ({ cursor, includeTotal }) =>
    unwrap(
      api.GET('/api/v1/api-clients', {
        params: { query: { cursor, limit: PAGE_SIZE, include_total: includeTotal } },
      }),
    ),
  );
}

export function useCreateApiClient() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ApiClientCreate) => unwrap(api.POST('/api/v1/api-clients', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['api-clients'] }),
  });
}

export function useRevokeApiClient() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/api/v1/api-clients/{client_id}/revoke', { params: { path: { client_id: id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['api-clients'] }),
  });
}

export function useApiClient(id: string | undefined) {
  return useQuery({
    queryKey: ['api-clients', 'detail', id],
    queryFn: () => unwrap(api.GET('/api/v1/api-clients/{client_id}', { params: { path: { client_id: id! } } })),
    enabled: !!id,
  });
}

export function useUpdateApiClient(client: ApiClient) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['ApiClientUpdate']) =>
      unwrap(
        api.PATCH('/api/v1/api-clients/{client_id}', {
          params: { path: { client_id: client.id }, header: { 'If-Match': ifMatch(client.version) } },
          body,
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['api-clients'] }),
  });
}

export function useApiClientUsage(id: string, days = 14) {
  return useQuery({
    queryKey: ['api-clients', 'usage', id, days],
    queryFn: () =>
      unwrap(api.GET('/api/v1/api-clients/{client_id}/usage', { params: { path: { client_id: id }, query: { days } } })),
  });
}
