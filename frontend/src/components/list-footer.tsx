import { Button, Flex, Typography } from 'antd';
import { formatCount } from '@/lib/format';

interface ListFooterProps {
  shown: number;
  total: number | null;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  onLoadMore: () => void;
}

/** Keyset pager: shows how many rows are loaded and fetches the next page. */
export function ListFooter({ shown, total, hasNextPage, isFetchingNextPage, onLoadMore }: ListFooterProps) {
  return (
    <Flex justify="space-between" align="center" style={{ marginTop: 12 }}>
      <Typography.Text type="secondary">
        已显示 {formatCount(shown)} 条{total !== null ? `，共 ${formatCount(total)} 条` : ''}
      </Typography.Text>
      {hasNextPage ? (
        <Button onClick={onLoadMore} loading={isFetchingNextPage}>
          加载更多
        </Button>
      ) : shown > 0 ? (
        <Typography.Text type="secondary">已全部加载</Typography.Text>
      ) : null}
    </Flex>
  );
}
