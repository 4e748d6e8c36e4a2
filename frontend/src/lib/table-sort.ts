import type { SorterResult } from 'antd/es/table/interface';

/**
 * Turn an antd Table sorter into the API's `sort` parameter (`name`, `-created_at`).
 * Columns opt in with `sorter: true` and a `key` from the endpoint's sort allowlist.
 */
export function toSortParam<T>(sorter: SorterResult<T> | SorterResult<T>[]): string | undefined {
  const s = Array.isArray(sorter) ? sorter[0] : sorter;
  if (!s?.order || !s.columnKey) return undefined;
  return `${s.order === 'descend' ? '-' : ''}${String(s.columnKey)}`;
}

/** How a column shows the applied `sort` parameter: `-due_date` is 降序 on `due_date`. */
export function sortOrderOf(sort: string | null | undefined, key: string): 'ascend' | 'descend' | null {
  if (sort === key) return 'ascend';
  if (sort === `-${key}`) return 'descend';
  return null;
}
