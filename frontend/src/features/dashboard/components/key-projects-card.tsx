import { Card, Empty, Flex, List, Skeleton, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { StageTag } from '@/components/stage-tag';
import { toSearchParams } from '@/lib/url-filters';
import { OPEN_DECISION_STATES, OPEN_TICKET_STATES, type StatsFilter, useKeyProjects } from '../api/stats';
import { Definition } from './figure-card';

const DEFINITION =
  '招商统筹标记为重点项目、实行保姆式服务的项目（不按统计期划分），列出当前阶段、在该阶段的天数，以及未办结的服务事项（待交办至办理中）和未完成的议定事项。';

function CountLink({ to, count, label, testId }: { to: string; count: number | undefined; label: string; testId: string }) {
  if (count === undefined) return <Typography.Text type="secondary">{label} …</Typography.Text>;
  return (
    <Link to={to} data-testid={testId} className="key-project-count">
      {label}
      <Typography.Text strong type={count > 0 ? 'danger' : undefined} style={{ marginInlineStart: 4 }}>
        {count}
      </Typography.Text>
    </Link>
  );
}

/** 重点项目（保姆式服务）: each key project with its stage and open items. */
export function KeyProjectsCard({ filters, canTickets, canDecisions }: { filters: StatsFilter; canTickets: boolean; canDecisions: boolean }) {
  const key = useKeyProjects(filters, true, { tickets: canTickets, decisions: canDecisions });
  const total = key.data?.total ?? key.rows.length;
  const listLink = `/projects?${toSearchParams({ is_key: true, owner_unit_id: filters.unit_id, industry_chain: filters.industry_chain, is_major: filters.is_major })}`;
  return (
    <Card
      size="small"
      data-testid="key-projects"
      title={
        <Flex align="center" gap={4}>
          <span>重点项目（保姆式服务）</span>
          <Definition title="重点项目">{DEFINITION}</Definition>
        </Flex>
      }
      extra={
        <Link to={listLink} data-testid="key-projects-all" className="key-project-count">
          共 {total} 个
        </Link>
      }
    >
      {key.isPending ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : key.rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无重点项目" />
      ) : (
        <List
          size="small"
          dataSource={key.rows}
          rowKey={(r) => r.project.id}
          renderItem={({ project: p, openTickets, openDecisions }) => (
            <List.Item data-testid="key-project">
              <Flex vertical gap={4} style={{ width: '100%', minWidth: 0 }}>
                <Flex justify="space-between" align="center" gap={8} wrap>
                  <Link to={`/projects/${p.id}`} className="key-project-name">
                    <Typography.Text strong ellipsis>
                      {p.name}
                    </Typography.Text>
                  </Link>
                  <span>
                    <StageTag stage={p.stage} />
                    {p.is_stale ? <Tag color="orange">长期无进展</Tag> : null}
                  </span>
                </Flex>
                <Flex gap={16} wrap align="center" style={{ fontSize: 13 }}>
                  <Typography.Text type="secondary">
                    {p.owner_unit_name} · 本阶段 {p.days_in_stage} 天{p.lead_leader ? ` · ${p.lead_leader.full_name}` : ''}
                  </Typography.Text>
                  {canTickets ? (
                    <CountLink
                      to={`/tickets?${toSearchParams({ project_id: p.id, state: [...OPEN_TICKET_STATES] })}`}
                      count={openTickets}
                      label="未办结事项"
                      testId="key-project-tickets"
                    />
                  ) : null}
                  {canDecisions ? (
                    <CountLink
                      to={`/decisions?${toSearchParams({ project_id: p.id, state: [...OPEN_DECISION_STATES] })}`}
                      count={openDecisions}
                      label="未完成议定事项"
                      testId="key-project-decisions"
                    />
                  ) : null}
                </Flex>
                {p.blocker_note ? (
                  <Typography.Text type="warning" style={{ fontSize: 13 }}>
                    卡点：{p.blocker_note}
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
