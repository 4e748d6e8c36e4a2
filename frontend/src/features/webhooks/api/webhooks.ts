import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { Schemas } from '@/lib/api/types';
import { PAGE_SIZE, useCursorList } from '@/lib/use-cursor-list';

export type Endpoint = Schemas['WebhookEndpointRead'];
export type EndpointCreated = Schemas['WebhookEndpointCreated'];
export type EndpointUpdate = Schemas['WebhookEndpointUpdate'];
export type Delivery = Schemas['WebhookDeliveryRead'];
export type DeliveryState = Schemas['WebhookDeliveryState'];
export type EventTypeInfo = Schemas['WebhookEventTypeRead'];

/** A secret shown once: a new endpoint's, or the one a rotation made. */
export interface ShownSecret {
  url: string;
  secret: string;
  previousUntil?: string;
}

const path = (id: string) => ({ params: { path: { endpoint_id: id } } });

export function useEventTypes() {
  return useQuery({
    queryKey: ['webhooks', 'event-types'],
    queryFn: () => unwrap(api.GET('/api/v1/webhook-event-types')),
    staleTime: Infinity,
  });
}

export function useEndpoints(clientId: string | undefined) {
  return useCursorList<Endpoint>(
    ['webhooks', 'endpoints', clientId],
    ({ cursor, includeTotal }) =>
      unwrap(
        api.GET('/api/v1/webhook-endpoints', {
          params: { query: { cursor, limit: PAGE_SIZE, include_total: includeTotal, api_client_id: clientId } },
        }),
      ),
    !!clientId,
  );
}

export function useEndpoint(id: string | undefined) {
  return useQuery({
    queryKey: ['webhooks', 'endpoint', id],
    queryFn: () => unwrap(api.GET('/api/v1/webhook-endpoints/{endpoint_id}', path(id!))),
    enabled: !!id,
  });
}

export function useCreateEndpoint() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['WebhookEndpointCreate']) => unwrap(api.POST('/api/v1/webhook-endpoints', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['webhooks'] }),
  });
}

export function useUpdateEndpoint(endpoint: Endpoint) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: EndpointUpdate) =>
      unwrap(
        api.PATCH('/api/v1/webhook-endpoints/{endpoint_id}', {
          params: { path: { endpoint_id: endpoint.id }, header: { 'If-Match': ifMatch(endpoint.version) } },
          body,
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['webhooks'] }),
  });
}

export function useDeleteEndpoint(endpoint: Endpoint) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(
        api.DELETE('/api/v1/webhook-endpoints/{endpoint_id}', {
          params: { path: { endpoint_id: endpoint.id }, header: { 'If-Match': ifMatch(endpoint.version) } },
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['webhooks', 'endpoints'] }),
  });
}

export function useRotateSecret(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/webhook-endpoints/{endpoint_id}/rotate-secret', path(id))),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['webhooks', 'endpoint', id] }),
  });
}

export function useDeliveries(endpointId: string, state: DeliveryState | undefined) {
  return useCursorList<Delivery>(['webhooks', 'deliveries', endpointId, state], ({ cursor, includeTotal }) =>
    unwrap(
      api.GET('/api/v1/webhook-endpoints/{endpoint_id}/deliveries', {
        params: {
          path: { endpoint_id: endpointId },
          query: { cursor, limit: PAGE_SIZE, include_total: includeTotal, state },
        },
      }),
    ),
  );
}

export function useDelivery(endpointId: string, deliveryId: string) {
  return useQuery({
    queryKey: ['webhooks', 'delivery', deliveryId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/webhook-endpoints/{endpoint_id}/deliveries/{delivery_id}', {
          params: { path: { endpoint_id: endpointId, delivery_id: deliveryId } },
        }),
      ),
  });
}

export function useRedeliver(endpointId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string) =>
      unwrap(
        api.POST('/api/v1/webhook-endpoints/{endpoint_id}/deliveries/{delivery_id}/redeliver', {
          params: { path: { endpoint_id: endpointId, delivery_id: deliveryId } },
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['webhooks'] }),
  });
}
