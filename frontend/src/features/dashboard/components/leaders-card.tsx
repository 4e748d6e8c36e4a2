import { Card, Empty, Flex, List, Skeleton, Table, Typography } from 'antd';
import type { HTMLAttributes, ReactNode } from 'react';
import { Link } from 'react-router';
import { StageTag } from '@/components/stage-tag';
import { useIsPhone } from '@/lib/use-phone';
import type { LeaderRow, LeaderStats } from '../api/stats';
import { byKey } from '../lib/figures';
import { Definition, FigureLink } from './figure-card';

/** The board's three figures, in the order shown, with the labels of a phone card. */
const FIGURES = [
  { key: 'open_tickets', title: '未办结服务事项', short: '未办结事项' },
  { key: 'overdue_tickets', title: '超期服务事项', short: '超期' },
  { key: 'open_decisions', title: '未办结议定事项', short: '议定事项' },
] as const;

function Count({ row, figureKey }: { row: LeaderRow; figureKey: string }) {
  const f = byKey(row.figures, figureKey);
  if (!f) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <FigureLink figure={f} testId={`leader-${figureKey}`} className="figure-inline-link">
      <Typography.Text strong type={figureKey === 'overdue_tickets' && f.count > 0 ? 'danger' : undefined}>
        {f.count}
      </Typography.Text>
    </FigureLink>
  );
}

function ProjectLink({ row }: { row: LeaderRow }) {
  return (
    <Link to={`/projects/${row.project_id}`} data-testid="leader-project">
      {row.project_name}
    </Link>
  );
}

/** 市领导联系项目: each city leader, the project they lead, its stage and days in it, and its
 * open and overdue tickets and open decisions, each number opening its list. A table on a
 * desktop, a card per leader on a phone. */
export function LeadersCard({ stats, loading, extra }: { stats: LeaderStats | undefined; loading: boolean; extra?: ReactNode }) {
  const phone = useIsPhone();
  const rows = stats?.rows ?? [];
  const shown = FIGURES.filter((f) => rows.some((r) => byKey(r.figures, f.key)));
  return (
    <Card
      size="small"
      data-testid="leaders"
      title={
        <Flex align="center" gap={4}>
          <span>市领导联系项目</span>
          <Definition title="市领导联系项目">
            {stats?.definition ?? '每位市领导目前牵头联系的项目'}。
            {rows[0]?.figures.map((f) => (
              <div key={f.key}>
                {f.label}：{f.definition}
              </div>
            ))}
          </Definition>
        </Flex>
      }
      extra={extra}
    >
      {loading ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无市领导联系的项目" />
      ) : phone ? (
        <List
          size="small"
          dataSource={rows}
          rowKey={(r) => `${r.leader_id}-${r.project_id}`}
          renderItem={(r) => (
            <List.Item data-testid="leader-row" data-leader={r.leader_name}>
              <Flex vertical gap={4} style={{ width: '100%', minWidth: 0 }}>
                <Flex justify="space-between" align="center" gap={8}>
                  <Typography.Text strong data-testid="leader-name">
                    {r.leader_name}
                  </Typography.Text>
                  <span>
                    <StageTag stage={r.stage} />
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      本阶段 <span data-testid="leader-days">{r.days_in_stage}</span> 天
                    </Typography.Text>
                  </span>
                </Flex>
                <Typography.Text ellipsis>
                  <ProjectLink row={r} />
                </Typography.Text>
                <Flex gap={12} wrap align="center" style={{ fontSize: 13 }}>
                  {shown.map((f) => (
                    <span key={f.key} className="key-project-count">
                      {f.short}&nbsp;
                      <Count row={r} figureKey={f.key} />
                    </span>
                  ))}
                </Flex>
              </Flex>
            </List.Item>
          )}
        />
      ) : (
        <Table<LeaderRow>
          size="small"
          pagination={false}
          rowKey={(r) => `${r.leader_id}-${r.project_id}`}
          dataSource={rows}
          onRow={(r) => ({ 'data-testid': 'leader-row', 'data-leader': r.leader_name }) as HTMLAttributes<HTMLElement>}
          columns={[
            { key: 'leader', title: '市领导', width: 100, render: (_, r) => <span data-testid="leader-name">{r.leader_name}</span> },
            { key: 'project', title: '联系项目', ellipsis: true, render: (_, r) => <ProjectLink row={r} /> },
            { key: 'stage', title: '当前阶段', width: 110, render: (_, r) => <StageTag stage={r.stage} /> },
            { key: 'days', title: '本阶段天数', width: 100, align: 'right', render: (_, r) => <span data-testid="leader-days">{r.days_in_stage}</span> },
            ...shown.map((f) => ({
              key: f.key,
              title: f.title,
              width: 130,
              align: 'right' as const,
              render: (_: unknown, r: LeaderRow) => <Count row={r} figureKey={f.key} />,
            })),
          ]}
        />
      )}
    </Card>
  );
}
