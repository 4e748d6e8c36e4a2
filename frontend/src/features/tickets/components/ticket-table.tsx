import { Flex, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { SorterResult } from 'antd/es/table/interface';
import { Link } from 'react-router';
import type { ListCardProps } from '@/components/list-cards';
import { ListTable } from '@/components/list-table';
import { DueDate, EscalationTag, TicketStateTag, UrgencyTag } from '@/components/ticket-tags';
import type { Ticket } from '@/lib/api/tickets';
import { dueStatus } from '@/lib/tickets';
import type { CursorList } from '@/lib/use-cursor-list';

interface TicketTableProps {
  list: CursorList<Ticket>;
  testId: string;
  /** The applied sort; with `onSort` the due-date column sorts on the server. */
  sort?: string | null;
  onSort?: (sorter: SorterResult<Ticket> | SorterResult<Ticket>[]) => void;
  /** A list page's own list: total, 刷新 and 列设置 above it. */
  settingsKey?: string;
}

/** A ticket on a phone: code, title, state, lead department, due date with its mark. */
function ticketCard(t: Ticket): ListCardProps {
  const status = dueStatus(t);
  return {
    to: `/tickets/${t.id}`,
    code: t.code,
    title: t.title,
    status: <TicketStateTag state={t.state} />,
    tone: status === 'overdue' ? 'overdue' : status === 'due_soon' ? 'due_soon' : undefined,
    marks:
      t.urgency !== 'normal' || t.escalation_level > 0 ? (
        <Space size={4} wrap>
          {t.urgency !== 'normal' ? <UrgencyTag urgency={t.urgency} /> : null}
          <EscalationTag level={t.escalation_level} />
        </Space>
      ) : undefined,
    facts: [
      { label: '所属项目', value: t.project_name },
      { label: '牵头部门', value: t.lead_department?.name ?? '待交办' },
      { label: '办理时限', value: <span className="nowrap"><DueDate ticket={t} /></span> },
    ],
  };
}

/** Tickets as rows (cards on a phone): overdue rows are tinted red, due-soon rows orange. */
export function TicketTable({ list, testId, sort, onSort, settingsKey }: TicketTableProps) {
  const columns: ColumnsType<Ticket> = [
    {
      title: '编码',
      dataIndex: 'code',
      width: 130,
      render: (code: string, t) => (
        <Link to={`/tickets/${t.id}`} className="mono">
          {code}
        </Link>
      ),
    },
    {
      title: '事项',
      dataIndex: 'title',
      render: (title: string, t) => (
        <Flex vertical gap={2}>
          <Link to={`/tickets/${t.id}`}>
            <Typography.Text strong>{title}</Typography.Text>
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t.requester_unit.name} · {t.requester_name} 提出
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: '所属项目',
      dataIndex: 'project_name',
      width: 180,
      render: (name: string, t) => <Link to={`/projects/${t.project_id}`}>{name}</Link>,
    },
    {
      title: '牵头部门',
      dataIndex: 'lead_department',
      width: 150,
      render: (d: Ticket['lead_department']) => d?.name ?? <Typography.Text type="secondary">待交办</Typography.Text>,
    },
    { title: '状态', dataIndex: 'state', width: 86, render: (s: string) => <TicketStateTag state={s} /> },
    { title: '紧急程度', dataIndex: 'urgency', width: 86, render: (u: string) => <UrgencyTag urgency={u} /> },
    {
      title: '办理时限',
      key: 'due_date',
      dataIndex: 'due_date',
      width: 168,
      sorter: !!onSort,
      render: (_: unknown, t) => <DueDate ticket={t} />,
    },
    {
      title: '督办级别',
      dataIndex: 'escalation_level',
      width: 96,
      render: (level: number) =>
        level > 0 ? <EscalationTag level={level} /> : <Typography.Text type="secondary">—</Typography.Text>,
    },
  ];
  return (
    <ListTable<Ticket>
      list={list}
      data-testid={testId}
      columns={columns}
      card={ticketCard}
      sort={sort}
      settingsKey={settingsKey}
      scroll={{ x: 1080 }}
      rowClassName={(t) => {
        const status = dueStatus(t);
        return status === 'overdue' ? 'ticket-row-overdue' : status === 'due_soon' ? 'ticket-row-due-soon' : '';
      }}
      onChange={(_, __, sorter) => onSort?.(sorter)}
    />
  );
}
