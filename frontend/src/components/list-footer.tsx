import { Button, Flex, Typography } from 'antd';
import { formatCount } from '@/lib/format';
import type { CursorList } from '@/lib/use-cursor-list';

interface ListFooterProps {
  list: Pick<CursorList<unknown>, 'items' | 'total' | 'hasNextPage' | 'isFetchingNextPage' | 'fetchNextPage'>;
}

/** Keyset pager: shows how many rows are loaded and fetches the next page. */
export function ListFooter({ list }: ListFooterProps) {
  const shown = list.items.length;
  return (
    <Flex justify="space-between" align="center" style={{ marginTop: 12 }}>
      <Typography.Text type="secondary">
        已显示 {formatCount(shown)} 条{list.total !== null ? `，共 ${formatCount(list.total)} 条` : ''}
      </Typography.Text>
      {list.hasNextPage ? (
        <Button onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
          加载更多
        </Button>
      ) : shown > 0 ? (
        <Typography.Text type="secondary">已全部加载</Typography.Text>
      ) : null}
    </Flex>
  );
}
