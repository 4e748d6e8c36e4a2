import { Card, Col, Descriptions, Empty, Flex, Row, Skeleton, Space, Table, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { DetailHeader } from '@/components/detail-header';
import { DecisionStateTag, MeetingKindTag, OverdueTag } from '@/components/meeting-tags';
import { QueryBoundary } from '@/components/query-boundary';
import { TicketStateTag } from '@/components/ticket-tags';
import { hasPermission, useMe } from '@/lib/auth/use-session';
import { formatDate, formatDateTime } from '@/lib/format';
import { ticketProgress } from '@/lib/meetings';
import { useDecision, type Decision } from '../api/decisions';
import { toTicketsHint } from '../lib/decision-actions';
import { DecisionActions } from './decision-actions';
import { DecisionFollowUpCard } from './decision-follow-up-card';

type DecisionTicket = Decision['tickets'][number];

const dash = <Typography.Text type="secondary">—</Typography.Text>;

function Facts({ decision }: { decision: Decision }) {
  return (
    <Descriptions
      column={{ xs: 1, md: 2, xl: 3 }}
      size="small"
      data-testid="decision-facts"
      items={[
        {
          key: 'meeting',
          label: '所属会议',
          children: (
            <Space size={6} wrap>
              <Link to={`/meetings/${decision.meeting_id}`} data-testid="decision-meeting">
                {decision.meeting_title}
              </Link>
              <MeetingKindTag kind={decision.meeting_kind} />
            </Space>
          ),
        },
        { key: 'responsible', label: '责任单位', children: <span data-testid="decision-responsible">{decision.responsible_unit.name}</span> },
        {
          key: 'co',
          label: '配合单位',
          children: decision.co_units.length ? decision.co_units.map((u) => u.name).join('、') : dash,
        },
        {
          key: 'projects',
          label: '相关项目',
          children: decision.projects.length ? (
            <Space size={8} wrap>
              {decision.projects.map((p) => (
                <Link key={p.id} to={`/projects/${p.id}`}>
                  {p.name}
                </Link>
              ))}
            </Space>
          ) : (
            dash
          ),
        },
        {
          key: 'due',
          label: '完成时限',
          children: decision.due_date ? (
            <Space size={4}>
              <Typography.Text strong type={decision.is_overdue ? 'danger' : undefined}>
                {formatDate(decision.due_date)}
              </Typography.Text>
              <OverdueTag overdue={decision.is_overdue} />
            </Space>
          ) : (
            '未定'
          ),
        },
        ...(decision.done_at ? [{ key: 'done', label: '完成时间', children: formatDateTime(decision.done_at) }] : []),
      ]}
    />
  );
}

function TicketsCard({ decision, manages }: { decision: Decision; manages: boolean }) {
  const progress = ticketProgress(decision.tickets);
  const hint = manages ? toTicketsHint(decision) : null;
  return (
    <Card
      title="交办事项"
      size="small"
      data-testid="decision-tickets"
      extra={
        progress.total ? (
          <Typography.Text data-testid="decision-ticket-progress">
            {progress.text}
            {progress.resolved ? `，${progress.resolved} 件已反馈待确认` : ''}
          </Typography.Text>
        ) : null
      }
    >
      {decision.tickets.length ? (
        <Table<DecisionTicket>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={decision.tickets}
          columns={[
            {
              title: '编码',
              dataIndex: 'code',
              render: (code: string, t) => (
                <Link to={`/tickets/${t.id}`} className="mono">
                  {code}
                </Link>
              ),
            },
            { title: '办理部门', dataIndex: 'lead_department', render: (d: DecisionTicket['lead_department']) => d?.name ?? '—' },
            {
              title: '状态',
              dataIndex: 'state',
              render: (s: string, t) => (
                <Space size={2}>
                  <TicketStateTag state={s} />
                  <OverdueTag overdue={t.is_overdue} />
                </Space>
              ),
            },
            { title: '时限', dataIndex: 'due_date', className: 'nowrap', render: (d: string | null) => formatDate(d) },
          ]}
          onRow={() => ({ 'data-testid': 'decision-ticket' }) as React.HTMLAttributes<HTMLElement>}
        />
      ) : (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={decision.actions.includes('to_tickets') ? '尚未转交办；可用“转交办”一次生成各部门的交办单' : '未转交办'}
        />
      )}
      {hint ? (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }} data-testid="to-tickets-hint">
          {hint}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}

/** 议定事项详情: facts, the steps this user may take, its tickets and the follow-up. */
export default function DecisionDetailPage() {
  const { decisionId = '' } = useParams();
  const me = useMe();
  const query = useDecision(decisionId);

  return (
    <QueryBoundary
      query={query}
      fallback={<Skeleton active />}
      notFound={{
        title: '议定事项不存在或无权查看',
        subTitle: '只能查看本单位负责、配合或参会的议定事项。',
        backTo: '/decisions',
        backLabel: '返回议定事项',
      }}
    >
      {(decision) => {
        return (
          <Flex vertical gap={16}>
            <DetailHeader
              back={{ to: '/decisions', label: '议定事项' }}
              code={`${decision.code} · 第 ${decision.seq} 项`}
              title={decision.text}
              titleLevel={4}
              marks={
                <>
                  <DecisionStateTag state={decision.state} />
                  <OverdueTag overdue={decision.is_overdue} />
                </>
              }
              actions={<DecisionActions decision={decision} />}
              testIds={{ code: 'decision-code', title: 'decision-text', marks: 'decision-marks' }}
            >
              <Facts decision={decision} />
            </DetailHeader>
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={14}>
                <DecisionFollowUpCard decisionId={decision.id} canReport={decision.actions.includes('report')} />
              </Col>
              <Col xs={24} xl={10}>
                <TicketsCard decision={decision} manages={hasPermission(me, 'meetings:write')} />
              </Col>
            </Row>
          </Flex>
        );
      }}
    </QueryBoundary>
  );
}
