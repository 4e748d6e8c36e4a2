import { Card, Col, Empty, Row, Tag } from 'antd';
import { ListCard } from '@/components/list-cards';
import { ListFooter } from '@/components/list-footer';
import { QueryError } from '@/components/query-error';
import { formatWan } from '@/lib/format';
import { useProjects } from '../api/projects';

/** 待评估项目 on the coordinator's 待办: every project submitted for evaluation (at 项目评估),
 * least recently active first. The count in the title is the list's own total. */
export function EvaluationQueueCard() {
  const list = useProjects({ stage: ['evaluation'], sort: 'last_activity_at' });
  return (
    <Card
      style={{ marginTop: 16 }}
      data-testid="evaluation-queue"
      title={
        <span>
          待评估项目{' '}
          <Tag color="cyan" data-testid="evaluation-queue-count">
            {list.total ?? 0} 件
          </Tag>
        </span>
      }
    >
      {list.error ? <QueryError error={list.error} onRetry={() => list.refetch()} /> : null}
      {!list.isLoading && !list.items.length ? <Empty description="没有等待评估的项目" /> : null}
      <Row gutter={[12, 12]}>
        {list.items.map((p) => (
          <Col xs={24} md={12} xl={8} key={p.id}>
            <ListCard
              to={`/projects/${p.id}`}
              code={p.code}
              title={p.name}
              status={<Tag color="cyan">待评估</Tag>}
              facts={[
                { label: '责任单位', value: p.owner_unit_name },
                { label: '计划总投资', value: formatWan(p.planned_investment) },
                { label: '已等待', value: `${p.days_in_stage} 天` },
              ]}
            />
          </Col>
        ))}
      </Row>
      <ListFooter list={list} />
    </Card>
  );
}
