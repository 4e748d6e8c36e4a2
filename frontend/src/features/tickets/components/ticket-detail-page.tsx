import { Card, Col, Descriptions, Flex, Rate, Row, Skeleton, Space, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { DetailHeader } from '@/components/detail-header';
import { QueryBoundary } from '@/components/query-boundary';
import { DueMark, EscalationTag, TicketStateTag, UrgencyTag } from '@/components/ticket-tags';
import { useDictionary } from '@/lib/api/dictionaries';
import { labelOf, useEnums } from '@/lib/api/meta';
import type { Ticket } from '@/lib/api/tickets';
import { formatDate, formatDateTime } from '@/lib/format';
import { escalationLevel } from '@/lib/tickets';
import { useTicket } from '../api/tickets';
import { AttachmentsCard } from './attachments-card';
import { EscalationsCard } from './escalations-card';
import { LettersCard } from './letters-card';
import { TicketActions } from './ticket-actions';
import { TimelineCard } from './timeline-card';

function Facts({ ticket }: { ticket: Ticket }) {
  const enums = useEnums();
  const categories = useDictionary('ticket_category');
  const dash = <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Descriptions
      column={{ xs: 1, md: 2, xl: 3 }}
      size="small"
      className="ticket-facts"
      data-testid="ticket-facts"
      items={[
        {
          key: 'project',
          label: '所属项目',
          children: (
            <Link to={`/projects/${ticket.project_id}`} data-testid="ticket-project">
              {ticket.project_name}
            </Link>
          ),
        },
        { key: 'category', label: '类别', children: categories.label(ticket.category) },
        {
          key: 'source',
          label: '来源',
          children: ticket.decision_id ? (
            <Space size={6}>
              {labelOf(enums.data?.ticket_sources, ticket.source)}
              <Link to={`/decisions/${ticket.decision_id}`} data-testid="ticket-decision">
                查看议定事项
              </Link>
            </Space>
          ) : (
            labelOf(enums.data?.ticket_sources, ticket.source)
          ),
        },
        {
          key: 'requester',
          label: '提出',
          children: `${ticket.requester_unit.name} · ${ticket.requester_name} · ${formatDateTime(ticket.created_at)}`,
        },
        {
          key: 'lead',
          label: '牵头部门',
          children: <span data-testid="ticket-lead">{ticket.lead_department?.name ?? '待交办'}</span>,
        },
        {
          key: 'co',
          label: '协办部门',
          children: ticket.co_departments.length ? (
            <span data-testid="ticket-co">{ticket.co_departments.map((d) => d.name).join('、')}</span>
          ) : (
            dash
          ),
        },
        { key: 'assigned', label: '交办时间', children: ticket.assigned_at ? formatDateTime(ticket.assigned_at) : dash },
        {
          key: 'due',
          label: '办理时限',
          children: ticket.due_date ? (
            <Space size={4}>
              <Typography.Text
                strong
                type={ticket.is_overdue ? 'danger' : ticket.is_due_soon ? 'warning' : undefined}
                data-testid="ticket-due-date"
              >
                {formatDate(ticket.due_date)}
              </Typography.Text>
              <DueMark ticket={ticket} />
            </Space>
          ) : (
            dash
          ),
        },
        { key: 'accepted', label: '签收时间', children: ticket.accepted_at ? formatDateTime(ticket.accepted_at) : dash },
        {
          key: 'escalation',
          label: '督办级别',
          children: <span data-testid="ticket-escalation-level">{escalationLevel(ticket.escalation_level).label}</span>,
        },
        { key: 'returns', label: '退回次数', children: ticket.return_count ? `${ticket.return_count} 次` : '0 次' },
        ...(ticket.last_nudged_at
          ? [{ key: 'nudged', label: '最近催办', children: formatDateTime(ticket.last_nudged_at) }]
          : []),
        ...(ticket.closed_at ? [{ key: 'closed', label: '办结时间', children: formatDateTime(ticket.closed_at) }] : []),
      ]}
    />
  );
}

function Outcome({ ticket }: { ticket: Ticket }) {
  if (!ticket.resolution && ticket.satisfaction == null) return null;
  return (
    <Card title="办理结果" size="small" data-testid="ticket-outcome">
      {ticket.resolution ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="ticket-resolution">
          {ticket.resolution}
        </Typography.Paragraph>
      ) : null}
      {ticket.satisfaction != null ? (
        <Flex vertical gap={4} data-testid="ticket-satisfaction">
          <Space>
            <Typography.Text type="secondary">满意度</Typography.Text>
            <Rate disabled value={ticket.satisfaction} />
            <Typography.Text>{ticket.satisfaction} 分</Typography.Text>
          </Space>
          {ticket.satisfaction_comment ? <Typography.Text>评价意见：{ticket.satisfaction_comment}</Typography.Text> : null}
        </Flex>
      ) : null}
    </Card>
  );
}

/** 事项详情: facts, the steps this user may take, the process, letters, 督办 and files. */
export default function TicketDetailPage() {
  const { ticketId = '' } = useParams();
  const query = useTicket(ticketId);

  return (
    <QueryBoundary
      query={query}
      fallback={<Skeleton active />}
      notFound={{
        title: '服务事项不存在或无权查看',
        subTitle: '该事项可能不在您的查看范围内。',
        backTo: '/tickets',
        backLabel: '返回服务事项',
      }}
    >
      {(ticket) => {
        const can = (action: string) => ticket.actions.includes(action);

        return (
          <Flex vertical gap={16}>
            <DetailHeader
              back={{ to: '/tickets', label: '服务事项' }}
              code={ticket.code}
              title={ticket.title}
              marks={
                <>
                  <TicketStateTag state={ticket.state} />
                  <UrgencyTag urgency={ticket.urgency} />
                  <DueMark ticket={ticket} />
                  <EscalationTag level={ticket.escalation_level} />
                </>
              }
              actions={<TicketActions ticket={ticket} />}
              testIds={{ code: 'ticket-code', title: 'ticket-title', marks: 'ticket-marks' }}
            >
              <Facts ticket={ticket} />
            </DetailHeader>
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={15}>
                <Flex vertical gap={16}>
                  <Card title="问题描述和诉求" size="small">
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="ticket-description">
                      {ticket.description}
                    </Typography.Paragraph>
                  </Card>
                  <Outcome ticket={ticket} />
                  <TimelineCard ticketId={ticket.id} canComment={can('comment')} />
                </Flex>
              </Col>
              <Col xs={24} xl={9}>
                <Flex vertical gap={16}>
                  <LettersCard ticketId={ticket.id} />
                  <EscalationsCard ticketId={ticket.id} />
                  <AttachmentsCard ticketId={ticket.id} canAttach={can('attach')} />
                </Flex>
              </Col>
            </Row>
          </Flex>
        );
      }}
    </QueryBoundary>
  );
}
