import { Table, type TableProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { CursorList } from '@/lib/use-cursor-list';
import { useIsPhone } from '@/lib/use-phone';
import { sortOrderOf } from '@/lib/table-sort';
import { ListCards, type ListCardProps } from './list-cards';
import { ListFooter } from './list-footer';
import { columnKey, ListToolbar, useHiddenColumns } from './list-toolbar';
import { QueryError } from './query-error';

type ListTableProps<T> = Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination'> & {
  list: CursorList<T>;
  /** Show 加载更多 only while there is more (for a list inside a page that says its own total). */
  footerWhenMore?: boolean;
  /** On a phone the list renders as these cards instead of the table. */
  card?: (item: T) => ListCardProps;
  /** A list page's own list: a toolbar with the total, 刷新 and 列设置 (hidden columns are kept
   * in this browser under this key). */
  settingsKey?: string;
  /** The applied `sort` parameter (`-due_date`): the sorted column shows it. */
  sort?: string | null;
};

/** A keyset-paged list as a table (cards on a phone when `card` is given): its error with a
 * retry, the rows loaded so far, 加载更多. */
export function ListTable<T extends object>({ list, footerWhenMore, card, settingsKey, sort, ...table }: ListTableProps<T>) {
  const phone = useIsPhone();
  const [hidden, setHidden] = useHiddenColumns(settingsKey);
  const emptyText = table.locale?.emptyText;
  const columns: ColumnsType<T> | undefined = table.columns
    ?.filter((c) => !hidden.includes(columnKey(c as ColumnsType<never>[number])))
    .map((c) => (c.sorter ? { ...c, sortOrder: sortOrderOf(sort, columnKey(c as ColumnsType<never>[number])) } : c));
  return (
    <>
      {settingsKey ? (
        <ListToolbar<T>
          total={list.total}
          onRefresh={() => void list.refetch()}
          refreshing={list.isRefetching && !list.isFetchingNextPage}
          columns={phone ? undefined : table.columns}
          hidden={hidden}
          onHiddenChange={setHidden}
        />
      ) : null}
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
          columns={columns}
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
