import { Card, Flex, Tag } from 'antd';
import { DecisionTable } from '@/components/decision-list';
import { useDecisions } from '@/lib/api/meetings';

/** 待办's second half for a district, park or department: the meeting decisions its unit carries
 * out that are not done yet, the nearest deadline first, overdue ones tinted. */
export function UnitDecisionsCard() {
  const list = useDecisions({ mine: true, state: ['open', 'in_progress'], sort: 'due_date' });
  return (
    <Card
      title={
        <Flex gap={8} align="center">
          本单位待落实的议定事项
          {list.total !== null ? <Tag data-testid="unit-decisions-total">{list.total} 项</Tag> : null}
        </Flex>
      }
      style={{ marginTop: 16 }}
      data-testid="unit-decisions"
    >
      <DecisionTable list={list} testId="unit-decisions-table" emptyText="本单位没有待落实的议定事项" />
    </Card>
  );
}
