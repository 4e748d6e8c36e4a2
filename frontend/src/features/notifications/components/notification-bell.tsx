import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, Flex, List, Popover, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { QueryError } from '@/components/query-error';
import { labelOf, useEnums } from '@/lib/api/meta';
import { formatDateTime } from '@/lib/format';
import { useApiError } from '@/lib/use-api-error';
import {
  useLatestNotifications,
  useMarkAllRead,
  useMarkRead,
  useUnreadCount,
  type Notification,
} from '../api/notifications';
import { KIND_COLORS, notificationTarget } from '../lib/links';

function NotificationList({ open, onNavigate }: { open: boolean; onNavigate: () => void }) {
  const enums = useEnums();
  const navigate = useNavigate();
  const showError = useApiError();
  const latest = useLatestNotifications(open);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();

  const follow = async (n: Notification) => {
    try {
      if (!n.read_at) await markRead.mutateAsync(n.id);
    } catch (err) {
      showError(err);
    }
    const target = notificationTarget(n);
    onNavigate();
    if (target) void navigate(target);
  };

  const items = latest.data?.items ?? [];
  return (
    <Flex vertical style={{ width: 'min(380px, calc(100vw - 32px))' }} data-testid="notification-panel">
      <Flex justify="space-between" align="center" style={{ padding: '4px 4px 8px', borderBottom: '1px solid #f0f0f0' }}>
        <Typography.Text strong>通知</Typography.Text>
        <Button
          type="link"
          size="small"
          disabled={!items.some((n) => !n.read_at)}
          loading={markAll.isPending}
          onClick={() => markAll.mutateAsync().catch(showError)}
        >
          全部已读
        </Button>
      </Flex>
      {latest.isLoading ? <Skeleton active style={{ padding: 12 }} /> : null}
      {latest.error ? <QueryError error={latest.error} onRetry={() => latest.refetch()} /> : null}
      {latest.data && !items.length ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无通知" /> : null}
      {items.length ? (
        <List<Notification>
          style={{ maxHeight: 'min(420px, calc(100vh - 160px))', overflowY: 'auto' }}
          dataSource={items}
          renderItem={(n) => (
            <List.Item
              data-testid="notification"
              data-unread={!n.read_at}
              onClick={() => follow(n)}
              role="button"
              style={{
                cursor: 'pointer',
                padding: '10px 8px',
                background: n.read_at ? undefined : '#f0f6ff',
                alignItems: 'flex-start',
              }}
            >
              <Flex vertical gap={2} style={{ minWidth: 0, width: '100%' }}>
                <Flex gap={6} align="center">
                  <Badge status={n.read_at ? 'default' : 'processing'} />
                  <Tag color={KIND_COLORS[n.kind]} style={{ marginInlineEnd: 0 }}>
                    {labelOf(enums.data?.notification_kinds, n.kind)}
                  </Tag>
                  <Typography.Text strong={!n.read_at} ellipsis style={{ flex: 1, minWidth: 0 }}>
                    {n.title}
                  </Typography.Text>
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: n.body }}>
                  {n.body}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(n.created_at)}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      ) : null}
      <Button
        type="link"
        block
        style={{ borderTop: '1px solid #f0f0f0', borderRadius: 0, minHeight: 44 }}
        onClick={() => {
          onNavigate();
          void navigate('/notifications');
        }}
        data-testid="notifications-all"
      >
        查看全部
      </Button>
    </Flex>
  );
}

/** Header bell: unread count (polled), and the latest notifications in a popover. */
export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount();
  const count = unread.data?.unread ?? 0;
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      content={<NotificationList open={open} onNavigate={() => setOpen(false)} />}
      styles={{ container: { padding: 8 } }}
      rootClassName="notification-popover"
    >
      <Button
        type="text"
        shape="circle"
        aria-label={count ? `通知（${count} 条未读）` : '通知'}
        data-testid="notification-bell"
        icon={
          <Badge count={count} size="small" overflowCount={99} data-testid="notification-count">
            <BellOutlined style={{ fontSize: 18 }} />
          </Badge>
        }
      />
    </Popover>
  );
}
