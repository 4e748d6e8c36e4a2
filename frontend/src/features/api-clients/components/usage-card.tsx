import { Card, Empty, Flex, Progress, Statistic, Table } from 'antd';
import { formatDateTime } from '@/lib/format';
import { useIsPhone } from '@/lib/use-phone';
import { useApiClientUsage } from '../api/api-clients';

/** 用量: the client's requests and token issues per day over the last two weeks. */
export function UsageCard({ clientId }: { clientId: string }) {
  const usage = useApiClientUsage(clientId);
  const phone = useIsPhone();
  const days = usage.data?.days ?? [];
  const peak = Math.max(1, ...days.map((d) => d.requests));
  const total = days.reduce((sum, d) => sum + d.requests, 0);
  return (
    <Card title="用量（最近 14 天）" loading={usage.isLoading}>
      <Flex gap={phone ? 16 : 32} wrap style={{ marginBottom: 12 }}>
        <Statistic title="请求数" value={total} />
        <Statistic title="换取令牌" value={days.reduce((sum, d) => sum + d.tokens_issued, 0)} />
        <Statistic title="最近使用" value={usage.data?.last_used_at ? formatDateTime(usage.data.last_used_at) : '从未使用'} />
      </Flex>
      {days.length ? (
        <Table
          size="small"
          rowKey="day"
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="usage-table"
          dataSource={[...days].reverse()}
          columns={[
            { title: '日期', dataIndex: 'day', className: 'nowrap' },
            {
              title: '请求数',
              dataIndex: 'requests',
              render: (n: number) => (
                <Flex gap={8} align="center">
                  {phone ? null : (
                    <Progress percent={(n / peak) * 100} showInfo={false} size="small" style={{ width: 120, margin: 0 }} />
                  )}
                  {n}
                </Flex>
              ),
            },
            { title: '换取令牌', dataIndex: 'tokens_issued' },
          ]}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="最近 14 天没有调用" />
      )}
    </Card>
  );
}
