import { Alert, Button, Card, Col, Descriptions, Empty, Flex, Row, Skeleton, Steps, Tag, Timeline, Typography } from 'antd';
import { Link } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { QueryBoundary } from '@/components/query-boundary';
import { StageTag } from '@/components/stage-tag';
import { labelOf, useEnums } from '@/lib/api/meta';
import { formatDate, formatDateTime, formatWan } from '@/lib/format';
import { STAGE_ORDER, stageIndex } from '@/lib/stages';
import { useIsPhone } from '@/lib/use-phone';
import { useMyProject, type LeaderOverview, type ProjectEvent } from '../api/my-project';
import { OpenDecisions, OpenTickets } from './open-items';

const EVENT_COLORS: Record<ProjectEvent['kind'], string> = {
  stage: 'blue',
  follow_up: 'green',
  ticket: 'purple',
  decision: 'orange',
};

/** The next gate and what it still needs (from the workflow's gate rules). */
function NextGate({ gate }: { gate: LeaderOverview['next_gate'] }) {
  const enums = useEnums();
  if (!gate) return null;
  const stage = labelOf(enums.data?.stages, gate.stage);
  const verb = gate.kind === 'resume' ? `恢复到“${stage}”` : `进入“${stage}”`;
  return gate.missing.length ? (
    <Alert
      type="warning"
      showIcon
      data-testid="next-gate"
      title={`下一关口：${verb}，尚需`}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {gate.missing.map((m) => (
            <li key={m}>{m.replace(/^需要/, '')}</li>
          ))}
        </ul>
      }
    />
  ) : (
    <Alert type="success" showIcon data-testid="next-gate" title={`下一关口：${verb}，条件已满足`} />
  );
}

function RecentEvents({ events }: { events: ProjectEvent[] }) {
  return (
    <Card size="small" title="近期动态" data-testid="my-project-events">
      {events.length ? (
        <Timeline
          items={events.map((e, i) => ({
            key: i,
            color: EVENT_COLORS[e.kind],
            content: (
              <div data-testid="project-event">
                {e.link ? (
                  <Link to={e.link} style={{ fontWeight: 600, display: 'block' }}>
                    {e.title}
                  </Link>
                ) : (
                  <Typography.Text strong style={{ display: 'block' }}>
                    {e.title}
                  </Typography.Text>
                )}
                {e.detail ? (
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '2px 0 0' }} ellipsis={{ rows: 3 }}>
                    {e.detail}
                  </Typography.Paragraph>
                ) : null}
                <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                  {formatDateTime(e.occurred_at)}
                  {e.actor_name ? ` · ${e.actor_name}` : ''}
                </Typography.Text>
              </div>
            ),
          }))}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无动态" />
      )}
    </Card>
  );
}

/** 我的项目: a city leader's home, read on a phone from a message as often as at a desk. */
export default function MyProjectPage() {
  const query = useMyProject();
  const enums = useEnums();
  const phone = useIsPhone();
  const label = (s: string | null | undefined) => labelOf(enums.data?.stages, s);

  return (
    <QueryBoundary query={query} fallback={<Skeleton active />}>
      {(home) => {
        const { project, assignment } = home;
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
            <Flex vertical gap={phone ? 12 : 16}>
              <Card size={phone ? 'small' : 'default'} data-testid="my-project">
                <Flex vertical gap={4}>
                  <Flex gap={8} align="center" wrap>
                    <Typography.Text className="mono" type="secondary">
                      {project.code}
                    </Typography.Text>
                    <StageTag stage={project.stage} />
                    {project.is_key ? <Tag color="volcano">重点</Tag> : null}
                    {project.is_major ? <Tag color="red">重大</Tag> : null}
                  </Flex>
                  <Typography.Title level={phone ? 5 : 4} style={{ margin: 0 }}>
                    {project.name}
                  </Typography.Title>
                </Flex>
                {phone ? null : (
                  <Steps
                    size="small"
                    style={{ margin: '20px 0' }}
                    current={Math.max(index, 0)}
                    status={project.stage === 'dropped' ? 'error' : project.stage === 'operating' ? 'finish' : 'process'}
                    items={STAGE_ORDER.map((s) => ({ title: label(s) }))}
                  />
                )}
                <Descriptions size="small" column={{ xs: 2, md: 3 }} style={{ marginTop: phone ? 12 : 0 }} layout={phone ? 'vertical' : 'horizontal'}>
                  <Descriptions.Item label="当前阶段">
                    <span data-testid="days-in-stage">
                      {label(project.stage)}（{project.days_in_stage} 天）
                    </span>
                  </Descriptions.Item>
                  <Descriptions.Item label="责任单位">{project.owner_unit_name}</Descriptions.Item>
                  <Descriptions.Item label="计划总投资">{formatWan(project.planned_investment)}</Descriptions.Item>
                  <Descriptions.Item label="签约金额">{formatWan(project.signed_amount)}</Descriptions.Item>
                  <Descriptions.Item label="投资方">{project.investor_name ?? '（保密）'}</Descriptions.Item>
                  <Descriptions.Item label="卡点">{project.blocker_note || '—'}</Descriptions.Item>
                </Descriptions>
                <div style={{ marginTop: 12 }}>
                  <NextGate gate={home.next_gate} />
                </div>
              </Card>
              <Row gutter={[16, phone ? 12 : 16]}>
                <Col xs={24} lg={14}>
                  <Flex vertical gap={phone ? 12 : 16}>
                    <OpenTickets tickets={home.open_tickets} total={home.open_tickets_total} projectId={project.id} />
                    <OpenDecisions decisions={home.open_decisions} total={home.open_decisions_total} />
                  </Flex>
                </Col>
                <Col xs={24} lg={10}>
                  <RecentEvents events={home.recent_events} />
                </Col>
              </Row>
            </Flex>
          </>
        );
      }}
    </QueryBoundary>
  );
}
