import { Button, Card, Col, Descriptions, Empty, Flex, Row, Skeleton, Steps, Tag, Timeline, Typography } from 'antd';
import { Link } from 'react-router';
import { DecisionTable } from '@/components/decision-list';
import { PageHeader } from '@/components/page-header';
import { QueryBoundary } from '@/components/query-boundary';
import { StageTag } from '@/components/stage-tag';
import { useDecisions } from '@/lib/api/meetings';
import { labelOf, useEnums } from '@/lib/api/meta';
import { hasPermission, useMe } from '@/lib/auth/use-session';
import { formatDate, formatDateTime, formatWan } from '@/lib/format';
import { STAGE_ORDER, stageIndex } from '@/lib/stages';
import { useMyProject } from '../api/my-project';

/** 议定事项 on the project still to be carried out (待落实, 落实中), overdue ones tinted. */
function OpenDecisionsCard({ projectId }: { projectId: string }) {
  const list = useDecisions({
    project_id: projectId,
    state: ['open', 'in_progress'],
    sort: 'due_date',
  });
  const overdue = list.items.filter((d) => d.is_overdue).length;
  return (
    <Card
      title={
        <Flex gap={8} align="center">
          未办结的议定事项
          {list.total ? <Tag>{list.total} 项</Tag> : null}
          {overdue ? (
            <Tag color="red" data-testid="my-decisions-overdue">
              {overdue} 项已超期
            </Tag>
          ) : null}
        </Flex>
      }
      data-testid="my-project-decisions"
    >
      <DecisionTable list={list} testId="my-project-decisions-table" emptyText="项目没有未办结的议定事项" footerWhenMore />
    </Card>
  );
}

/** 我的项目: the leader's home for the project they lead. */
export default function MyProjectPage() {
  const me = useMe();
  const query = useMyProject();
  const enums = useEnums();
  const label = (s: string | null | undefined) => labelOf(enums.data?.stages, s);

  return (
    <QueryBoundary query={query} fallback={<Skeleton active />}>
      {({ project, assignment, stage_history, follow_ups }) => {
        if (!project || !assignment) {
          return (
            <>
              <PageHeader title="我的项目" />
              <Card>
                <Empty description="您目前没有牵头联系的项目。由招商统筹指定后，项目会显示在这里。" data-testid="my-project-empty" />
              </Card>
            </>
          );
        }

        const index = stageIndex(project.stage_before_shelved ?? project.stage);
        return (
          <>
            <PageHeader
              title="我的项目"
              subtitle={`自 ${formatDate(assignment.started_at)} 起牵头联系`}
              extra={
                <Link to={`/projects/${project.id}`}>
                  <Button type="primary">查看项目详情</Button>
                </Link>
              }
            />
            <Flex vertical gap={16}>
              <Card data-testid="my-project">
                <Flex gap={12} align="center" wrap>
                  <Typography.Text className="mono" type="secondary">
                    {project.code}
                  </Typography.Text>
                  <Typography.Title level={4} style={{ margin: 0 }}>
                    {project.name}
                  </Typography.Title>
                  <StageTag stage={project.stage} />
                  {project.is_key ? <Tag color="volcano">重点</Tag> : null}
                  {project.is_major ? <Tag color="red">重大</Tag> : null}
                </Flex>
                <Steps
                  size="small"
                  style={{ margin: '20px 0' }}
                  current={Math.max(index, 0)}
                  status={project.stage === 'dropped' ? 'error' : project.stage === 'operating' ? 'finish' : 'process'}
                  items={STAGE_ORDER.map((s) => ({ title: label(s) }))}
                />
                <Descriptions size="small" column={{ xs: 1, md: 3 }}>
                  <Descriptions.Item label="责任单位">{project.owner_unit_name}</Descriptions.Item>
                  <Descriptions.Item label="投资方">{project.investor_name ?? '（保密）'}</Descriptions.Item>
                  <Descriptions.Item label="计划总投资">{formatWan(project.planned_investment)}</Descriptions.Item>
                  <Descriptions.Item label="当前阶段">
                    {label(project.stage)}（{project.days_in_stage} 天）
                  </Descriptions.Item>
                  <Descriptions.Item label="签约金额">{formatWan(project.signed_amount)}</Descriptions.Item>
                  <Descriptions.Item label="卡点">{project.blocker_note || '—'}</Descriptions.Item>
                </Descriptions>
              </Card>
              {hasPermission(me, 'meetings:read') ? <OpenDecisionsCard projectId={project.id} /> : null}
              <Row gutter={16}>
                <Col xs={24} lg={10}>
                  <Card title="阶段历史" style={{ height: '100%' }}>
                    {stage_history.length ? (
                      <Timeline
                        items={[...stage_history].reverse().map((h) => ({
                          content: (
                            <>
                              <Typography.Text strong>
                                {h.from_stage ? `${label(h.from_stage)} → ${label(h.to_stage)}` : `新建（${label(h.to_stage)}）`}
                              </Typography.Text>
                              <div>
                                <Typography.Text type="secondary">
                                  {formatDateTime(h.occurred_at)} · {h.actor_name}
                                </Typography.Text>
                              </div>
                              {h.reason ? <div>原因：{h.reason}</div> : null}
                            </>
                          ),
                        }))}
                      />
                    ) : (
                      <Empty description="暂无阶段变更" />
                    )}
                  </Card>
                </Col>
                <Col xs={24} lg={14}>
                  <Card title="接洽记录" style={{ height: '100%' }}>
                    {follow_ups.length ? (
                      <Timeline
                        items={follow_ups.map((f) => ({
                          content: (
                            <>
                              <Typography.Text strong>
                                {formatDate(f.occurred_on)} · {labelOf(enums.data?.follow_up_kinds, f.kind)}
                              </Typography.Text>
                              <div>参加人员：{f.participants}</div>
                              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{f.notes}</Typography.Paragraph>
                            </>
                          ),
                        }))}
                      />
                    ) : (
                      <Empty description="暂无接洽记录" />
                    )}
                  </Card>
                </Col>
              </Row>
            </Flex>
          </>
        );
      }}
    </QueryBoundary>
  );
}
