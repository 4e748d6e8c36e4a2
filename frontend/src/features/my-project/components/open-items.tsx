import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Tag, Typography } from 'antd';
import { useState, type CSSProperties, type ReactNode } from 'react';
import { Link } from 'react-router';
import { DecisionStateTag, OverdueTag } from '@/components/meeting-tags';
import { DueDate, EscalationTag, TicketStateTag } from '@/components/ticket-tags';
import { formatDate } from '@/lib/format';
import type { OpenDecision, OpenTicket } from '../api/my-project';
import { InstructModal } from './instruct-modal';

const itemStyle = (overdue: boolean): CSSProperties => ({
  border: `1px solid ${overdue ? '#ffccc7' : '#f0f0f0'}`,
  background: overdue ? '#fff1f0' : '#fff',
  borderRadius: 8,
  padding: 12,
});

/** One fact of an item: a small grey label over its value. */
function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div style={{ minWidth: 0 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
        {label}
      </Typography.Text>
      <div style={{ overflowWrap: 'anywhere' }}>{children}</div>
    </div>
  );
}

const facts: CSSProperties = { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: '4px 12px', fontSize: 13 };

/** The heading of an item: its code and state, and its title as the link to it. */
function ItemHead({ to, code, status, title }: { to: string; code: string; status: ReactNode; title: string }) {
  return (
    <Link to={to} style={{ display: 'block', color: 'inherit', minHeight: 44 }} data-testid="open-item-link">
      <Flex justify="space-between" align="center" gap={8}>
        <Typography.Text type="secondary" className="mono">
          {code}
        </Typography.Text>
        <span style={{ flex: 'none' }}>{status}</span>
      </Flex>
      <Typography.Text strong style={{ fontSize: 15, display: 'block', marginTop: 4 }}>
        {title}
      </Typography.Text>
    </Link>
  );
}

function TicketItem({ ticket, onInstruct }: { ticket: OpenTicket; onInstruct: () => void }) {
  return (
    <Flex vertical gap={8} style={itemStyle(ticket.is_overdue)} data-testid="open-ticket" data-code={ticket.code}>
      <ItemHead to={`/tickets/${ticket.id}`} code={ticket.code} status={<TicketStateTag state={ticket.state} />} title={ticket.title} />
      <Flex gap={8} align="flex-end" wrap>
        <div style={{ ...facts, flex: '1 1 240px' }}>
          <Fact label="牵头部门">{ticket.lead_department?.name ?? '待交办'}</Fact>
          <Fact label="办理时限">
            <DueDate ticket={ticket} />
          </Fact>
        </div>
        {ticket.escalation_level || ticket.return_count ? (
          <span>
            <EscalationTag level={ticket.escalation_level} />
            {ticket.return_count ? <Tag>退回 {ticket.return_count} 次</Tag> : null}
          </span>
        ) : null}
        {ticket.actions.includes('instruct') ? (
          <Button icon={<EditOutlined />} onClick={onInstruct} style={{ minHeight: 44, marginInlineStart: 'auto' }} data-testid="instruct-button">
            批示
          </Button>
        ) : null}
      </Flex>
    </Flex>
  );
}

function Section({ title, total, overdue, testId, children }: { title: string; total: number; overdue: number; testId: string; children: ReactNode }) {
  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center" wrap>
          {title}
          <Tag>{total} 项</Tag>
          {overdue ? <Tag color="red">{overdue} 项已超期</Tag> : null}
        </Flex>
      }
      data-testid={testId}
    >
      {children}
    </Card>
  );
}

/** 未办结的服务事项 of the led project, each with a one-tap 批示. */
export function OpenTickets({ tickets, total, projectId }: { tickets: OpenTicket[]; total: number; projectId: string }) {
  const [instructing, setInstructing] = useState<OpenTicket | null>(null);
  return (
    <Section title="未办结的服务事项" total={total} overdue={tickets.filter((t) => t.is_overdue).length} testId="my-project-tickets">
      {tickets.length ? (
        <Flex vertical gap={8}>
          {tickets.map((t) => (
            <TicketItem key={t.id} ticket={t} onInstruct={() => setInstructing(t)} />
          ))}
          {total > tickets.length ? <Link to={`/tickets?project_id=${projectId}`}>查看全部 {total} 项</Link> : null}
        </Flex>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="项目没有未办结的服务事项" />
      )}
      {instructing ? <InstructModal ticket={instructing} onClose={() => setInstructing(null)} /> : null}
    </Section>
  );
}

/** 未完成的议定事项 of the led project: state, responsible unit and deadline. */
export function OpenDecisions({ decisions, total }: { decisions: OpenDecision[]; total: number }) {
  return (
    <Section title="未完成的议定事项" total={total} overdue={decisions.filter((d) => d.is_overdue).length} testId="my-project-decisions">
      {decisions.length ? (
        <Flex vertical gap={8}>
          {decisions.map((d) => (
            <Flex key={d.id} vertical gap={8} style={itemStyle(d.is_overdue)} data-testid="open-decision">
              <ItemHead
                to={`/decisions/${d.id}`}
                code={d.code}
                status={
                  <Flex gap={2}>
                    <DecisionStateTag state={d.state} />
                    <OverdueTag overdue={d.is_overdue} />
                  </Flex>
                }
                title={d.text}
              />
              <div style={facts}>
                <Fact label="责任单位">{d.responsible_unit.name}</Fact>
                <Fact label="完成时限">
                  <Typography.Text type={d.is_overdue ? 'danger' : undefined} className="nowrap">
                    {d.due_date ? formatDate(d.due_date) : '—'}
                  </Typography.Text>
                </Fact>
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {d.meeting_title}
              </Typography.Text>
            </Flex>
          ))}
        </Flex>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="项目没有未完成的议定事项" />
      )}
    </Section>
  );
}
