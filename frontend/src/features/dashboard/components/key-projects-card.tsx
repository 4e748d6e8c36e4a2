import { Card, Empty, Flex, List, Skeleton, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { StageTag } from '@/components/stage-tag';
import { type KeyProjectRow, type StatsFilter, useKeyProjects } from '../api/stats';
import { byKey } from '../lib/figures';
import { Definition, FigureLink } from './figure-card';

/** Each row's figures, in the order shown; the caller gets only those whose list it may read. */
const FIGURES = [
  { key: 'open_tickets', label: '未办结事项', testId: 'key-project-tickets' },
  { key: 'overdue_tickets', label: '超期', testId: 'key-project-overdue' },
  { key: 'open_decisions', label: '未完成议定事项', testId: 'key-project-decisions' },
] as const;

function Counts({ row }: { row: KeyProjectRow }) {
  return FIGURES.map(({ key, label, testId }) => {
    const f = byKey(row.figures, key);
    if (!f) return null;
    const alarm = f.count > 0 && key !== 'open_decisions';
    return (
      <FigureLink key={key} figure={f} testId={testId} className="key-project-count">
        {label}
        <Typography.Text strong type={alarm ? 'danger' : undefined} style={{ marginInlineStart: 4 }}>
          {f.count}
        </Typography.Text>
      </FigureLink>
    );
  });
}

/** 重点项目（保姆式服务）: each key project with its stage, leader, 卡点 and open items, every
 * number opening its list; the figures come in one request (`/stats/projects/key`). */
export function KeyProjectsCard({ filters, extra }: { filters: StatsFilter; extra?: ReactNode }) {
  const key = useKeyProjects(filters);
  const rows = key.data?.rows ?? [];
  const total = key.data?.total;
  return (
    <Card
      size="small"
      data-testid="key-projects"
      title={
        <Flex align="center" gap={4}>
          <span>重点项目（保姆式服务）</span>
          <Definition title="重点项目">{total?.definition ?? '招商统筹标记为重点项目、实行保姆式服务的项目'}。</Definition>
        </Flex>
      }
      extra={
        <Flex align="center" gap={4}>
          <FigureLink figure={total} testId="key-projects-all" className="key-project-count">
            共 {total?.count ?? '…'} 个
          </FigureLink>
          {extra}
        </Flex>
      }
    >
      {key.isPending ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无重点项目" />
      ) : (
        <List
          size="small"
          dataSource={rows}
          rowKey={(r) => r.project_id}
          renderItem={(r) => (
            <List.Item data-testid="key-project">
              <Flex vertical gap={4} style={{ width: '100%', minWidth: 0 }}>
                <Flex justify="space-between" align="center" gap={8} wrap>
                  <Link to={`/projects/${r.project_id}`} className="key-project-name">
                    <Typography.Text strong ellipsis>
                      {r.project_name}
                    </Typography.Text>
                  </Link>
                  <span>
                    <StageTag stage={r.stage} />
                    {r.is_stale ? <Tag color="orange">长期无进展</Tag> : null}
                  </span>
                </Flex>
                {/* The counts stay together: beside the unit on a desktop, on a line of their own on a
                    phone; their tap targets are tall enough that wrapped lines need no gap. */}
                <Flex wrap align="center" style={{ fontSize: 13, columnGap: 16 }}>
                  <Typography.Text type="secondary">
                    {r.owner_unit_name} · 本阶段 {r.days_in_stage} 天{r.leader_name ? ` · ${r.leader_name}` : ''}
                  </Typography.Text>
                  <Flex align="center" style={{ columnGap: 16 }}>
                    <Counts row={r} />
                  </Flex>
                </Flex>
                {r.blocker_note ? (
                  <Typography.Text type="warning" style={{ fontSize: 13 }}>
                    卡点：{r.blocker_note}
                  </Typography.Text>
                ) : null}
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
