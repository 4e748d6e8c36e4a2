import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { UnitDecisionsCard } from '@/features/meetings/components/unit-decisions-card';
import { EvaluationQueueCard } from '@/features/projects/components/evaluation-queue-card';
import { useTickets, type TicketFilters } from '@/lib/api/tickets';
import { hasPermission, useMe } from '@/lib/auth/use-session';
import { todoScope } from '@/lib/tickets';
import { useTodoSummary } from '../api/tickets';
import { TicketTable } from './ticket-table';

type TodoTab = 'todo' | 'overdue' | 'due_soon';

/** Each card's number is the total of the list it opens: mine=true plus the card's filter. */
const TABS: { key: TodoTab; title: string; hint: string; color?: string; filters: TicketFilters }[] = [
  { key: 'todo', title: '待办', hint: '等待我处理的事项', filters: { mine: true, sort: 'due_date' } },
  { key: 'overdue', title: '已超期', hint: '已过办理时限', color: '#cf1322', filters: { mine: true, overdue: true, sort: 'due_date' } },
  {
    key: 'due_soon',
    title: '即将到期',
    hint: '临近办理时限',
    color: '#d46b08',
    filters: { mine: true, due_soon: true, sort: 'due_date' },
  },
];

/** Districts, parks and departments carry out meeting decisions: theirs are on 待办 too. */
const CARRIES_OUT_DECISIONS = ['unit_officer', 'department_officer'];

/** 待办: the tickets waiting for the signed-in user's step, most urgent deadline first; for a
 * unit, the meeting decisions it still has to carry out below them; for the coordinator, the
 * projects submitted for the bureau's evaluation. */
export default function TodoPage() {
  const me = useMe();
  const [tab, setTab] = useState<TodoTab>('todo');
  const summary = useTodoSummary();
  const current = TABS.find((t) => t.key === tab)!;
  const list = useTickets(current.filters);

  return (
    <>
      <PageHeader title="待办" subtitle={<span data-testid="todo-scope">{todoScope(me.role)}</span>} />
      {summary.error ? <QueryError error={summary.error} onRetry={() => summary.refetch()} /> : null}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }} role="tablist" data-testid="todo-summary">
        {TABS.map((t) => {
          const selected = t.key === tab;
          return (
            <Col xs={24} md={8} key={t.key}>
              <Card
                hoverable
                role="tab"
                aria-selected={selected}
                data-testid={`todo-card-${t.key}`}
                onClick={() => setTab(t.key)}
                style={{ borderColor: selected ? '#1f5fbf' : undefined, boxShadow: selected ? '0 0 0 1px #1f5fbf' : undefined }}
              >
                <Statistic
                  title={t.title}
                  value={summary.data?.[t.key] ?? 0}
                  loading={summary.isLoading}
                  suffix="件"
                  styles={{ content: { color: t.color } }}
                />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t.hint}
                </Typography.Text>
              </Card>
            </Col>
          );
        })}
      </Row>
      <Card title={`${current.title}事项`}>
        {list.error ? <QueryError error={list.error} onRetry={() => list.refetch()} /> : null}
        <TicketTable testId="todo-table" list={list} />
      </Card>
      {CARRIES_OUT_DECISIONS.includes(me.role) && hasPermission(me, 'meetings:read') ? <UnitDecisionsCard /> : null}
      {me.role === 'coordinator' && hasPermission(me, 'projects:manage') ? <EvaluationQueueCard /> : null}
    </>
  );
}
