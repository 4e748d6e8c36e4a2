import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router';
import { DecisionDue, DecisionStatus, TicketProgress } from '@/components/decision-list';
import { QueryError } from '@/components/query-error';
import type { Meeting } from '@/lib/api/meetings';
import { useMeetingDecisions, type Decision } from '../api/decisions';
import type { DecisionActionSpec } from '../lib/decision-actions';
import { DecisionActionModal, DecisionButtons } from './decision-actions';
import { DecisionFormModal } from './decision-form-modal';

const dash = <Typography.Text type="secondary">—</Typography.Text>;

export const decisionColumns: ColumnsType<Decision> = [
  { title: '序号', dataIndex: 'seq', width: 56, align: 'center' },
  {
    title: '内容',
    dataIndex: 'text',
    render: (text: string, d) => (
      <Flex vertical gap={2}>
        <Link to={`/decisions/${d.id}`} data-testid="decision-link">
          {text}
        </Link>
        <Typography.Text type="secondary" className="mono">
          {d.code}
        </Typography.Text>
      </Flex>
    ),
  },
  { title: '责任单位', dataIndex: 'responsible_unit', width: 120, render: (u: Decision['responsible_unit']) => u.name },
  {
    title: '配合单位',
    dataIndex: 'co_units',
    width: 120,
    render: (units: Decision['co_units']) => (units.length ? units.map((u) => u.name).join('、') : dash),
  },
  {
    title: '相关项目',
    dataIndex: 'projects',
    width: 140,
    render: (projects: Decision['projects']) =>
      projects.length ? (
        <Flex vertical gap={2}>
          {projects.map((p) => (
            <Link key={p.id} to={`/projects/${p.id}`}>
              {p.name}
            </Link>
          ))}
        </Flex>
      ) : (
        dash
      ),
  },
  { title: '时限', dataIndex: 'due_date', width: 100, render: (_: unknown, d) => <DecisionDue decision={d} /> },
  { title: '状态', dataIndex: 'state', width: 96, render: (_: unknown, d) => <DecisionStatus decision={d} /> },
  { title: '交办', key: 'tickets', width: 110, render: (_: unknown, d) => <TicketProgress decision={d} /> },
];

/** 议定事项 of a meeting: the table, 记录议定事项, and per row 编辑 and 转交办. */
export function DecisionsCard({ meeting }: { meeting: Meeting }) {
  const decisions = useMeetingDecisions(meeting.id);
  const [adding, setAdding] = useState(false);
  // The dialog lives here, not in its row: it stays open when the row loses the button.
  const [acting, setActing] = useState<{ decision: Decision; spec: DecisionActionSpec } | null>(null);
  const rows = decisions.data ?? [];
  const anyActions = rows.some((d) => d.actions.includes('edit') || d.actions.includes('to_tickets'));
  const columns: ColumnsType<Decision> = [
    ...decisionColumns,
    ...(anyActions
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 120,
            render: (_: unknown, d: Decision) => (
              <DecisionButtons
                decision={d}
                only={['edit', 'to_tickets']}
                compact
                onSelect={(spec) => setActing({ decision: d, spec })}
              />
            ),
          },
        ]
      : []),
  ];
  return (
    <Card
      title={`议定事项${rows.length ? `（${rows.length} 项）` : ''}`}
      data-testid="meeting-decisions"
      extra={
        meeting.actions.includes('add_decision') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            记录议定事项
          </Button>
        ) : null
      }
    >
      {decisions.error ? <QueryError error={decisions.error} onRetry={() => decisions.refetch()} /> : null}
      <Table<Decision>
        rowKey="id"
        data-testid="decisions-table"
        columns={columns}
        dataSource={rows}
        loading={decisions.isLoading}
        pagination={false}
        size="middle"
        scroll={{ x: 1100 }}
        rowClassName={(d) => (d.is_overdue ? 'ticket-row-overdue' : '')}
        locale={{ emptyText: '尚未记录议定事项' }}
      />
      {adding ? <DecisionFormModal meetingId={meeting.id} onClose={() => setAdding(false)} /> : null}
      {acting ? (
        <DecisionActionModal
          decision={rows.find((d) => d.id === acting.decision.id) ?? acting.decision}
          spec={acting.spec}
          onClose={() => setActing(null)}
        />
      ) : null}
    </Card>
  );
}
