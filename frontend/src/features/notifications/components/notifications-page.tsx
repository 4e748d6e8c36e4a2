import { Badge, Button, Card, Empty, Flex, Segmented, Select, Skeleton, Tag, theme, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { ListFooter } from '@/components/list-footer';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { labelOf, toSelectOptions, useEnums } from '@/lib/api/meta';
import { formatCount, formatDateTime } from '@/lib/format';
import { useApiError } from '@/lib/use-api-error';
import {
  useMarkAllRead,
  useMarkRead,
  useNotificationList,
  useUnreadCount,
  type Notification,
  type NotificationFilters,
  type NotificationKind,
} from '../api/notifications';
import { KIND_COLORS, KIND_TARGETS, TARGET_LABELS, notificationTarget } from '../lib/links';

type ReadFilter = 'all' | 'unread' | 'read';

function NotificationCard({ n, onOpen }: { n: Notification; onOpen: () => void }) {
  const enums = useEnums();
  const { token } = theme.useToken();
  const unread = !n.read_at;
  return (
    <div
      role="button"
      tabIndex={0}
      onClick={onOpen}
      onKeyDown={(e) => (e.key === 'Enter' ? onOpen() : undefined)}
      data-testid="notification-card"
      data-unread={unread}
      data-kind={n.kind}
      style={{
        cursor: 'pointer',
        padding: 12,
        borderRadius: 8,
        border: `1px solid ${unread ? '#bae0ff' : '#f0f0f0'}`,
        background: unread ? '#f0f6ff' : '#fff',
        minWidth: 0,
      }}
    >
      <Flex justify="space-between" align="center" gap={8}>
        <Flex gap={6} align="center" style={{ minWidth: 0 }}>
          <Badge status={unread ? 'processing' : 'default'} />
          <Tag color={KIND_COLORS[n.kind]} style={{ marginInlineEnd: 0 }}>
            {labelOf(enums.data?.notification_kinds, n.kind)}
          </Tag>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
          {formatDateTime(n.created_at)}
        </Typography.Text>
      </Flex>
      <Typography.Text strong={unread} style={{ display: 'block', marginTop: 6, overflowWrap: 'anywhere' }}>
        {n.title}
      </Typography.Text>
      <Typography.Paragraph type="secondary" style={{ margin: '2px 0 0', overflowWrap: 'anywhere' }} ellipsis={{ rows: 3 }}>
        {n.body}
      </Typography.Paragraph>
      <Typography.Text style={{ fontSize: 13, color: token.colorPrimary }}>{TARGET_LABELS[KIND_TARGETS[n.kind]]} ›</Typography.Text>
    </div>
  );
}

/** 消息中心: every notification of the signed-in person, by read state and kind. */
export default function NotificationsPage() {
  const enums = useEnums();
  const navigate = useNavigate();
  const showError = useApiError();
  const [params, setParams] = useSearchParams();
  const read = (params.get('read') as ReadFilter | null) ?? 'all';
  const kind = (params.get('kind') as NotificationKind | null) ?? undefined;
  const filters: NotificationFilters = { unread: read === 'all' ? undefined : read === 'unread', kind };
  const list = useNotificationList(filters);
  const unread = useUnreadCount();
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();

  const setFilter = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value && value !== 'all') next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const open = async (n: Notification) => {
    try {
      if (!n.read_at) await markRead.mutateAsync(n.id);
    } catch (err) {
      showError(err);
    }
    const target = notificationTarget(n);
    if (target) void navigate(target);
  };

  const unreadCount = unread.data?.unread ?? 0;
  return (
    <>
      <PageHeader
        title="消息中心"
        subtitle={`未读 ${formatCount(unreadCount)} 条`}
        extra={
          <Button disabled={!unreadCount} loading={markAll.isPending} onClick={() => markAll.mutateAsync().catch(showError)} data-testid="mark-all-read">
            全部标为已读
          </Button>
        }
      />
      <Card size="small">
        <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
          <Segmented<ReadFilter>
            value={read}
            onChange={(v) => setFilter('read', v)}
            options={[
              { label: '全部', value: 'all' },
              { label: '未读', value: 'unread' },
              { label: '已读', value: 'read' },
            ]}
            data-testid="read-filter"
          />
          <Select
            allowClear
            placeholder="全部类型"
            value={kind}
            onChange={(v?: string) => setFilter('kind', v)}
            options={toSelectOptions(enums.data?.notification_kinds)}
            style={{ minWidth: 180, flex: '1 1 180px', maxWidth: 280 }}
            data-testid="kind-filter"
          />
          {list.total !== null ? (
            <Typography.Text type="secondary" data-testid="notification-total">
              共 {formatCount(list.total)} 条
            </Typography.Text>
          ) : null}
        </Flex>
        {list.error ? <QueryError error={list.error} onRetry={() => list.refetch()} /> : null}
        {list.isLoading ? <Skeleton active /> : null}
        {list.data && !list.items.length ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有符合条件的消息" /> : null}
        {list.items.length ? (
          <Flex vertical gap={8} data-testid="notification-list">
            {list.items.map((n) => (
              <NotificationCard key={n.id} n={n} onOpen={() => void open(n)} />
            ))}
          </Flex>
        ) : null}
        {list.items.length ? <ListFooter list={list} /> : null}
      </Card>
    </>
  );
}
