import { Typography } from 'antd';
import { DecisionTable } from '@/components/decision-list';
import { useDecisions } from '@/lib/api/meetings';

/** 议定事项 about this project, from every meeting the caller may see, latest first. */
export function DecisionsTab({ projectId }: { projectId: string }) {
  const list = useDecisions({ project_id: projectId });
  return (
    <>
      <Typography.Paragraph type="secondary">
        联席调度会等会议上议定的、与本项目有关的事项：责任单位、完成时限和转交办后的办理进展。
      </Typography.Paragraph>
      <DecisionTable list={list} testId="project-decisions" emptyText="暂无与本项目有关的议定事项" />
    </>
  );
}
