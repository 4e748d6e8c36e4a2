import { Flex, Progress, Steps, Tag, Typography } from 'antd';
import { labelOf, useEnums } from '@/lib/api/meta';
import { STAGE_ORDER, stageIndex } from '@/lib/stages';
import { useIsPhone } from '@/lib/use-phone';
import type { Project } from '../api/projects';

/** The eight stages as steps (on a phone, one segmented bar: 第 3/8 步 and what comes next);
 * shelved/dropped keep the step they left and add a tag. */
export function StageBar({ project }: { project: Project }) {
  const enums = useEnums();
  const phone = useIsPhone();
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
      {phone ? (
        <Flex vertical gap={2} data-testid="stage-progress">
          <Typography.Text>
            {labelOf(stages, anchor ?? project.stage)} · 第 {Math.max(current, 0) + 1}/{STAGE_ORDER.length} 步
            {!side && !finished && current + 1 < STAGE_ORDER.length ? (
              <Typography.Text type="secondary">，下一步：{labelOf(stages, STAGE_ORDER[current + 1])}</Typography.Text>
            ) : null}
          </Typography.Text>
          <Progress
            steps={STAGE_ORDER.length}
            percent={((Math.max(current, 0) + 1) / STAGE_ORDER.length) * 100}
            showInfo={false}
            status={project.stage === 'dropped' ? 'exception' : 'normal'}
            size={[Math.floor(300 / STAGE_ORDER.length), 8]}
          />
        </Flex>
      ) : (
        <Steps
          size="small"
          current={current < 0 ? 0 : current}
          status={side ? (project.stage === 'dropped' ? 'error' : 'wait') : finished ? 'finish' : 'process'}
          items={STAGE_ORDER.map((s) => ({ title: labelOf(stages, s) }))}
        />
      )}
      <Typography.Text type="secondary" data-testid="time-in-stage">
        当前阶段：{labelOf(stages, project.stage)}，已停留 {project.days_in_stage} 天
      </Typography.Text>
    </Flex>
  );
}
