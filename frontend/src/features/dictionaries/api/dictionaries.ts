import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch } from '@/lib/api/client';
import { ApiError, unwrap } from '@/lib/api/problem';
import type { Schemas } from '@/lib/api/types';

export type DictionaryItemCreate = Schemas['DictionaryItemCreate'];
export type DictionaryItemUpdate = Schemas['DictionaryItemUpdate'];
type DictionaryItem = Schemas['DictionaryItemRead'];

function useInvalidateDictionaries() {
  const qc = useQueryClient();
  // The same cache the project and ticket forms read their options from.
  return () => qc.invalidateQueries({ queryKey: ['dictionaries'] });
}

export function useCreateDictionaryItem() {
  const invalidate = useInvalidateDictionaries();
  return useMutation({
    mutationFn: (body: DictionaryItemCreate) => unwrap(api.POST('/api/v1/dictionaries', { body })),
    onSuccess: invalidate,
  });
}

export function useUpdateDictionaryItem() {
  const invalidate = useInvalidateDictionaries();
  return useMutation({
    mutationFn: ({ item, body }: { item: DictionaryItem; body: DictionaryItemUpdate }) =>
      unwrap(
        api.PATCH('/api/v1/dictionaries/{item_id}', {
          params: { path: { item_id: item.id }, header: { 'If-Match': ifMatch(item.version) } },
          body,
        }),
      ),
    onSuccess: invalidate,
    onError: (err) => {
      // Someone else saved first: reload so the next edit starts from fresh data.
      if (err instanceof ApiError && err.status === 412) void invalidate();
    },
  });
}
