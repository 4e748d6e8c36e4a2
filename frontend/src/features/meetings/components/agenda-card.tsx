import { Alert, Card, Empty, Flex, List, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { DecisionStateTag, OverdueTag } from '@/components/meeting-tags';
import type { Meeting } from '@/lib/api/meetings';
import { formatDate } from '@/lib/format';

/** 议程: the previous joint meeting's open decisions first, then this meeting's own items. */
export function AgendaCard({ meeting }: { meeting: Meeting }) {
  const carried = meeting.carried_decisions;
  const showCarried = meeting.kind === 'joint' || carried.length > 0;
  return (
    <Card title="议程" data-testid="meeting-agenda">
      {showCarried ? (
        <div style={{ marginBottom: 16 }} data-testid="carried-decisions">
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            上次联席会议未办结事项
            {carried.length ? <Typography.Text type="secondary">（{carried.length} 项）</Typography.Text> : null}
          </Typography.Title>
          {carried.length ? (
            <List
              size="small"
              bordered
              dataSource={carried}
              renderItem={(d, i) => (
                <List.Item data-testid="carried-decision">
                  <Flex vertical gap={2} style={{ width: '100%' }}>
                    <Flex justify="space-between" align="flex-start" gap={8}>
                      <Typography.Text strong style={{ flex: 1, minWidth: 0 }}>
                        {i + 1}. <Link to={`/decisions/${d.id}`}>{d.text}</Link>
                      </Typography.Text>
                      <Space size={4} style={{ flex: 'none' }}>
                        <DecisionStateTag state={d.state} />
                        <OverdueTag overdue={d.is_overdue} />
                      </Space>
                    </Flex>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      <span className="mono">{d.code}</span> · 责任单位：{d.responsible_unit.name} · 时限：
                      {d.due_date ? formatDate(d.due_date) : '未定'} · 来自“{d.meeting_title}”
                    </Typography.Text>
                  </Flex>
                </List.Item>
              )}
            />
          ) : (
            <Alert
              type="success"
              showIcon
              title={meeting.previous_id ? '上次联席会议的议定事项均已办结' : '这是第一次联席会议，没有上次遗留的事项'}
            />
          )}
        </div>
      ) : null}
      {showCarried ? (
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          本次议程
        </Typography.Title>
      ) : null}
      {meeting.agenda.trim() ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="agenda-text">
          {meeting.agenda}
        </Typography.Paragraph>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未填写议程" />
      )}
    </Card>
  );
}
