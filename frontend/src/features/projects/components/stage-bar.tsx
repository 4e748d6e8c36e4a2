import { Flex, Steps, Tag, Typography } from 'antd';
import { labelOf, useEnums } from '@/lib/api/meta';
import { STAGE_ORDER, stageIndex } from '@/lib/stages';
import type { Project } from '../api/projects';

/** The eight stages as steps; shelved/dropped keep the step they left and add a tag. */
export function StageBar({ project }: { project: Project }) {
  const enums = useEnums();
  const stages = enums.data?.stages;
  const side = project.stage === 'shelved' || project.stage === 'dropped';
  const anchor = side ? (project.stage_before_shelved ?? null) : project.stage;
  const current = anchor ? stageIndex(anchor) : -1;
  const finished = project.stage === 'operating';
  return (
    <Flex vertical gap={8} data-testid="stage-bar">
      <Flex gap={8} align="center">
        {side ? (
          <Tag color={project.stage === 'shelved' ? 'orange' : 'red'} data-testid="stage-side-tag">
            {labelOf(stages, project.stage)}
            {project.stage_before_shelved ? `（原阶段：${labelOf(stages, project.stage_before_shelved)}）` : ''}
          </Tag>
        ) : null}
      </Flex>
      <Steps
        size="small"
        current={current < 0 ? 0 : current}
        status={side ? (project.stage === 'dropped' ? 'error' : 'wait') : finished ? 'finish' : 'process'}
        items={STAGE_ORDER.map((s) => ({ title: labelOf(stages, s) }))}
      />
      <Typography.Text type="secondary" data-testid="time-in-stage">
        当前阶段：{labelOf(stages, project.stage)}，已停留 {project.days_in_stage} 天
      </Typography.Text>
    </Flex>
  );
}
