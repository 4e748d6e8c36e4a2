import { Table, type TableProps } from 'antd';
import type { CursorList } from '@/lib/use-cursor-list';
import { useIsPhone } from '@/lib/use-phone';
import { ListCards, type ListCardProps } from './list-cards';
import { ListFooter } from './list-footer';
import { QueryError } from './query-error';

type ListTableProps<T> = Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination'> & {
  list: CursorList<T>;
  /** Show 加载更多 only while there is more (for a list inside a page that says its own total). */
  footerWhenMore?: boolean;
  /** On a phone the list renders as these cards instead of the table. */
  card?: (item: T) => ListCardProps;
};

/** A keyset-paged list as a table (cards on a phone when `card` is given): its error with a
 * retry, the rows loaded so far, 加载更多. */
export function ListTable<T extends object>({ list, footerWhenMore, card, ...table }: ListTableProps<T>) {
  const phone = useIsPhone();
  const emptyText = table.locale?.emptyText;
  return (
    <>
      {list.error ? <QueryError error={list.error} onRetry={() => list.refetch()} /> : null}
      {phone && card ? (
        <ListCards<T>
          items={list.items}
          loading={list.isLoading}
          card={card}
          testId={(table as { 'data-testid'?: string })['data-testid']}
          emptyText={typeof emptyText === 'function' ? undefined : emptyText}
        />
      ) : (
        <Table<T>
          rowKey="id"
          size="middle"
          {...table}
          // Without cards, a phone scrolls the table sideways rather than squeezing its columns.
          scroll={phone ? { ...table.scroll, x: table.scroll?.x ?? 'max-content' } : table.scroll}
          dataSource={list.items}
          loading={list.isLoading}
          pagination={false}
        />
      )}
      {!footerWhenMore || list.hasNextPage ? <ListFooter list={list} /> : null}
    </>
  );
}
