import { Table, type TableProps } from 'antd';
import type { CursorList } from '@/lib/use-cursor-list';
import { ListFooter } from './list-footer';
import { QueryError } from './query-error';

type ListTableProps<T> = Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination'> & {
  list: CursorList<T>;
  /** Show 加载更多 only while there is more (for a list inside a page that says its own total). */
  footerWhenMore?: boolean;
};

/** A keyset-paged list as a table: its error with a retry, the rows loaded so far, 加载更多. */
export function ListTable<T extends object>({ list, footerWhenMore, ...table }: ListTableProps<T>) {
  return (
    <>
      {list.error ? <QueryError error={list.error} onRetry={() => list.refetch()} /> : null}
      <Table<T>
        rowKey="id"
        size="middle"
        {...table}
        dataSource={list.items}
        loading={list.isLoading}
        pagination={false}
      />
      {!footerWhenMore || list.hasNextPage ? <ListFooter list={list} /> : null}
    </>
  );
}
