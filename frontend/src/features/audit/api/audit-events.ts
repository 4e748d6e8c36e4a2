import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { Schemas } from '@/lib/api/types';
import { PAGE_SIZE, useCursorList } from '@/lib/use-cursor-list';

export type AuditEvent = Schemas['AuditEventRead'];

export interface AuditFilters {
  action?: string;
  object_type?: string;
  actor_id?: string;
}

export function useAuditEvents(filters: AuditFilters) {
  return useCursorList<AuditEvent>(['audit-events', filters], ({ cursor, includeTotal }) =>
    unwrap(
      api.GET('/api/v1/audit-events', {
        params: { query: { ...filters, cursor, limit: PAGE_SIZE, include_total: includeTotal } },
      }),
    ),
  );
}
