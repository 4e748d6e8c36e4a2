import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from './client';
import { unwrap } from './problem';
import type { Schemas } from './types';

export type DictionaryKind = Schemas['DictionaryKind'];
export type DictionaryItem = Schemas['DictionaryItemRead'];

/** Code lists (产业链, 招商渠道) for selects and labels; inactive items stay for labels. */
export function useDictionary(kind: DictionaryKind) {
  const query = useQuery({
    queryKey: ['dictionaries', kind],
    queryFn: () => unwrap(api.GET('/api/v1/dictionaries', { params: { query: { kind, include_inactive: true } } })),
    staleTime: 5 * 60_000,
  });
  return useMemo(() => {
    const items = query.data ?? [];
    const labels = new Map(items.map((i) => [i.code, i.label]));
    return {
      ...query,
      items,
      // Never the code: an ellipsis while the list loads, 未知 for a code it does not hold.
      label: (code: string | null | undefined) => (code ? (labels.get(code) ?? (query.isPending ? '…' : '未知')) : '—'),
      options: items.filter((i) => i.is_active).map((i) => ({ value: i.code, label: i.label })),
      /** The active entries, plus `current` when it has been deactivated since it was chosen: a
       * record keeps its entry (marked 已停用) but no one picks it anew. */
      optionsWith: (current: string | null | undefined) =>
        items
          .filter((i) => i.is_active || i.code === current)
          .map((i) => ({ value: i.code, label: i.is_active ? i.label : `${i.label}（已停用）` })),
    };
  }, [query]);
}
