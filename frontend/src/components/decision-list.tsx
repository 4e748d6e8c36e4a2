import { Flex, Tooltip, Typography, type TableProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import type { ListCardProps } from '@/components/list-cards';
import { ListTable } from '@/components/list-table';
import { DecisionStateTag, MeetingKindTag, OverdueTag } from '@/components/meeting-tags';
import type { Decision } from '@/lib/api/meetings';
import { labelOf, useEnums } from '@/lib/api/meta';
import { formatDate } from '@/lib/format';
import { ticketProgress } from '@/lib/meetings';
import type { CursorList } from '@/lib/use-cursor-list';

const dash = <Typography.Text type="secondary">—</Typography.Text>;

/** 交办 progress of a decision: “1/2 已办结”, and how many wait for confirmation. */
export function TicketProgress({ decision }: { decision: Decision }) {
  const enums = useEnums();
  const p = ticketProgress(decision.tickets);
  if (!p.total) return <Typography.Text type="secondary">未交办</Typography.Text>;
  return (
    <Tooltip
      title={decision.tickets
        .map((t) => `${t.code} ${t.lead_department?.name ?? ''}：${labelOf(enums.data?.ticket_states, t.state)}`)
        .join('；')}
    >
      <Flex vertical gap={0} data-testid="ticket-progress">
        <Typography.Text type={p.finished === p.total ? 'success' : undefined}>{p.text}</Typography.Text>
        {p.resolved ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {p.resolved} 件已反馈待确认
          </Typography.Text>
        ) : null}
      </Flex>
    </Tooltip>
  );
}

/** A decision's due date, red once overdue; “—” when none was set. */
export function DecisionDue({ decision }: { decision: Decision }) {
  if (!decision.due_date) return dash;
  return <Typography.Text type={decision.is_overdue ? 'danger' : undefined}>{formatDate(decision.due_date)}</Typography.Text>;
}

/** State, and 已超期 as the server computed it. */
export function DecisionStatus({ decision }: { decision: Decision }) {
  return (
    <Flex gap={2} wrap>
      <DecisionStateTag state={decision.state} />
      <OverdueTag overdue={decision.is_overdue} />
    </Flex>
  );
}

/**
 * Columns of a decision list (议定事项, a project's 议定事项 tab): code, content with the latest
 * progress, meeting, responsible and co-units, due date, state and 交办 progress.
 * `sortable` marks the code column for server-side sorting.
 */
export function decisionListColumns({ sortable = false }: { sortable?: boolean } = {}): ColumnsType<Decision> {
  return [
    {
      title: '编码',
      key: 'code',
      dataIndex: 'code',
      width: 124,
      sorter: sortable,
      render: (code: string, d) => (
        <Link to={`/decisions/${d.id}`} className="mono">
          {code}
        </Link>
      ),
    },
    {
      title: '议定内容',
      dataIndex: 'text',
      render: (text: string, d) => (
        <Flex vertical gap={2}>
          <Link to={`/decisions/${d.id}`} data-testid="decision-link">
            <Typography.Text strong>{text}</Typography.Text>
          </Link>
          {d.latest_progress ? (
            <Typography.Text type="secondary" ellipsis={{ tooltip: d.latest_progress }} style={{ fontSize: 12, maxWidth: 420 }}>
              最近进展：{d.latest_progress}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: '会议',
      dataIndex: 'meeting_title',
      width: 200,
      render: (title: string, d) => (
        <Flex vertical gap={2} align="flex-start">
          <Link to={`/meetings/${d.meeting_id}`}>{title}</Link>
          <MeetingKindTag kind={d.meeting_kind} />
        </Flex>
      ),
    },
    {
      title: '责任单位',
      dataIndex: 'responsible_unit',
      width: 140,
      render: (u: Decision['responsible_unit'], d) => (
        <Flex vertical gap={2}>
          <span>{u.name}</span>
          {d.co_units.length ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              配合：{d.co_units.map((c) => c.name).join('、')}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    { title: '时限', dataIndex: 'due_date', width: 110, className: 'nowrap', render: (_: unknown, d) => <DecisionDue decision={d} /> },
    { title: '状态', dataIndex: 'state', width: 96, render: (_: unknown, d) => <DecisionStatus decision={d} /> },
    { title: '交办', key: 'tickets', width: 110, render: (_: unknown, d) => <TicketProgress decision={d} /> },
  ];
}

const defaultColumns = decisionListColumns();

/** A decision on a phone: code, text, state, responsible unit, due date and 交办 progress. */
export function decisionCard(d: Decision): ListCardProps {
  return {
    to: `/decisions/${d.id}`,
    code: d.code,
    title: d.text,
    status: <DecisionStateTag state={d.state} />,
    tone: d.is_overdue ? 'overdue' : undefined,
    marks: d.is_overdue ? <OverdueTag overdue /> : undefined,
    facts: [
      { label: '责任单位', value: d.responsible_unit.name },
      { label: '时限', value: <span className="nowrap"><DecisionDue decision={d} /></span> },
      { label: '会议', value: d.meeting_title },
      { label: '交办', value: <TicketProgress decision={d} /> },
    ],
  };
}

interface DecisionTableProps {
  list: CursorList<Decision>;
  testId: string;
  emptyText?: string;
  columns?: ColumnsType<Decision>;
  onChange?: TableProps<Decision>['onChange'];
  /** Show "加载更多" only when there is more (for a card that is usually short). */
  footerWhenMore?: boolean;
  /** A list page's own list: total, 刷新 and 列设置 above it. */
  settingsKey?: string;
  sort?: string | null;
}

/** A keyset-paged list of decisions: its error, the table (overdue rows tinted), 加载更多. */
export function DecisionTable({ list, testId, emptyText, columns = defaultColumns, onChange, footerWhenMore, settingsKey, sort }: DecisionTableProps) {
  return (
    <ListTable<Decision>
      list={list}
      data-testid={testId}
      columns={columns}
      scroll={{ x: 1100 }}
      rowClassName={(d) => (d.is_overdue ? 'ticket-row-overdue' : '')}
      onChange={onChange}
      locale={emptyText ? { emptyText } : undefined}
      footerWhenMore={footerWhenMore}
      card={decisionCard}
      settingsKey={settingsKey}
      sort={sort}
    />
  );
}
