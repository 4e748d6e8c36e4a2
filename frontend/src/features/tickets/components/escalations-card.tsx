import { Card, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { QueryError } from '@/components/query-error';
import { labelOf, useEnums } from '@/lib/api/meta';
import { formatDateTime } from '@/lib/format';
import { escalationLevel } from '@/lib/tickets';
import { useEscalations } from '../api/tickets';

/** 督办记录: each escalation with its level, reason, department and letter number. */
export function EscalationsCard({ ticketId }: { ticketId: string }) {
  const rows = useEscalations(ticketId);
  const enums = useEnums();
  return (
    <Card title="督办记录" size="small" data-testid="ticket-escalations">
      {rows.isLoading ? <Skeleton active /> : null}
      {rows.error ? <QueryError error={rows.error} onRetry={() => rows.refetch()} /> : null}
      {rows.data && !rows.data.length ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未督办" /> : null}
      <Flex vertical gap={12}>
        {(rows.data ?? []).map((e) => {
          const level = escalationLevel(e.level);
          return (
            <Flex key={e.id} vertical gap={2} data-testid="escalation">
              <Flex gap={6} align="center" wrap>
                <Tag color={level.color}>{level.short}</Tag>
                <Typography.Text strong>{e.letter_number}</Typography.Text>
              </Flex>
              <Typography.Text>
                {labelOf(enums.data?.escalation_reasons, e.reason)} · 被督办部门：{e.department.name}
              </Typography.Text>
              {e.note ? <Typography.Text type="secondary">{e.note}</Typography.Text> : null}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(e.occurred_at)}
              </Typography.Text>
            </Flex>
          );
        })}
      </Flex>
    </Card>
  );
}
