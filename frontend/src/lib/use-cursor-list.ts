import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
import type { CursorPage } from '@/lib/api/types';

export const PAGE_SIZE = 50;

/**
 * Keyset-paginated list: pages are fetched by opaque cursor and appended
 * ("加载更多"); the total is asked for on the first page only.
 */
export function useCursorList<T>(
  queryKey: QueryKey,
  fetchPage: (args: { cursor?: string; includeTotal: boolean }) => Promise<CursorPage<T>>,
  enabled = true,
) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage({ cursor: pageParam, includeTotal: !pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    enabled,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const total = query.data?.pages[0]?.total ?? null;
  return { ...query, items, total };
}

export type CursorList<T> = ReturnType<typeof useCursorList<T>>;
