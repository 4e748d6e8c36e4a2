import { SwapOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Popconfirm, Skeleton, Tabs } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { DetailHeader } from '@/components/detail-header';
import { QueryBoundary } from '@/components/query-boundary';
import { hasPermission, useMe } from '@/lib/auth/use-session';
import { formatWan } from '@/lib/format';
import { useApiError } from '@/lib/use-api-error';
import { useDeleteProject, useProject, type Project } from '../api/projects';
import { ApprovalsTab } from './approvals-tab';
import { BasicTab } from './basic-tab';
import { DecisionsTab } from './decisions-tab';
import { DuplicatesTab } from './duplicates-tab';
import { EvaluationStepNotice, RecordEvaluationButton, SubmitEvaluationButton } from './evaluation-step';
import { EvaluationsTab } from './evaluations-tab';
import { FollowUpsTab } from './follow-ups-tab';
import { HistoryTab } from './history-tab';
import { LeadershipTab } from './leadership-tab';
import { ProjectMarks } from './project-marks';
import { StageBar } from './stage-bar';
import { TicketsTab } from './tickets-tab';
import { TransitionModal } from './transition-modal';

/** Unit officers edit their own unit's projects; the coordinator edits any. */
function canEditProject(me: ReturnType<typeof useMe>, project: Project): boolean {
  if (hasPermission(me, 'projects:manage')) return true;
  return hasPermission(me, 'projects:write') && me.unit.id === project.owner_unit_id;
}

/** A draft lead whose amount is not known yet reads 待补充, not 0 万元. */
function plannedText(project: Project): string {
  return project.stage === 'lead' && Number(project.planned_investment) === 0 ? '待补充' : formatWan(project.planned_investment);
}

export default function ProjectDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const query = useProject(id);
  const [transitioning, setTransitioning] = useState(false);
  const [tab, setTab] = useState('basic');
  const [evaluating, setEvaluating] = useState(false);
  const remove = useDeleteProject();
  const { message } = App.useApp();
  const showError = useApiError();

  return (
    <QueryBoundary
      query={query}
      fallback={<Skeleton active />}
      notFound={{
        title: '项目不存在或无权查看',
        subTitle: '该项目可能已被删除，或不在您的查看范围内。',
        backTo: '/projects',
        backLabel: '返回项目库',
      }}
    >
      {(project) => {
        const canEdit = canEditProject(me, project);
        // The evaluation is the bureau's: the coordinator records it (the server says so too).
        const evaluates = hasPermission(me, 'projects:manage');
        const submits = canEdit && project.stage === 'lead';
        const toEvaluate = evaluates && project.stage === 'evaluation';

        const onDelete = async () => {
          try {
            await remove.mutateAsync(project);
            message.success(`已删除项目“${project.name}”`);
            void navigate('/projects');
          } catch (err) {
            showError(err);
          }
        };

        const tabs = [
          { key: 'basic', label: '基本信息', children: <BasicTab project={project} canEdit={canEdit} /> },
          { key: 'history', label: '阶段历史', children: <HistoryTab projectId={project.id} /> },
          {
            key: 'evaluations',
            label: '评估',
            children: <EvaluationsTab projectId={project.id} canWrite={evaluates} adding={evaluating} onAdding={setEvaluating} />,
          },
          { key: 'follow-ups', label: '接洽记录', children: <FollowUpsTab projectId={project.id} canWrite={canEdit} /> },
          {
            key: 'approvals',
            label: '审核',
            children: <ApprovalsTab project={project} canApprove={hasPermission(me, 'projects:manage')} />,
          },
          { key: 'leadership', label: '牵头领导与专班', children: <LeadershipTab project={project} /> },
          ...(hasPermission(me, 'tickets:read')
            ? [
                {
                  key: 'tickets',
                  label: '服务事项',
                  children: (
                    <TicketsTab projectId={project.id} projectName={project.name} canRaise={hasPermission(me, 'tickets:raise')} />
                  ),
                },
              ]
            : []),
          ...(hasPermission(me, 'meetings:read')
            ? [{ key: 'decisions', label: '议定事项', children: <DecisionsTab projectId={project.id} /> }]
            : []),
          ...(project.possible_duplicate
            ? [{ key: 'duplicates', label: '疑似重复', children: <DuplicatesTab project={project} /> }]
            : []),
        ];

        return (
          <Flex vertical gap={16}>
            <DetailHeader
              back={{ to: '/projects', label: '项目库' }}
              code={project.code}
              title={project.name}
              marks={<ProjectMarks project={project} />}
              subtitle={
                <>
                  {project.owner_unit_name} · 计划总投资 {plannedText(project)}
                  {project.lead_leader ? ` · 牵头领导 ${project.lead_leader.full_name}` : ''}
                </>
              }
              testIds={{ code: 'project-code', title: 'project-name' }}
              actions={
                <Flex gap={8}>
                  {canEdit && project.stage === 'lead' ? (
                    <Popconfirm
                      title="删除项目"
                      description="仅“信息收集”阶段的项目可删除，确定删除？"
                      okText="删除"
                      cancelText="取消"
                      onConfirm={onDelete}
                    >
                      <Button danger loading={remove.isPending}>
                        删除
                      </Button>
                    </Popconfirm>
                  ) : null}
                  {submits ? <SubmitEvaluationButton project={project} /> : null}
                  {toEvaluate ? (
                    <RecordEvaluationButton
                      onClick={() => {
                        setTab('evaluations');
                        setEvaluating(true);
                      }}
                    />
                  ) : null}
                  {canEdit && project.stage !== 'dropped' ? (
                    <Button
                      type={submits || toEvaluate ? 'default' : 'primary'}
                      icon={<SwapOutlined />}
                      onClick={() => setTransitioning(true)}
                    >
                      推进/变更阶段
                    </Button>
                  ) : null}
                </Flex>
              }
            >
              <Flex vertical gap={12}>
                {/* The step waiting to be taken comes first: on a phone the stages run down the screen. */}
                <EvaluationStepNotice project={project} canEdit={canEdit} evaluates={evaluates} />
                <StageBar project={project} />
              </Flex>
            </DetailHeader>
            <Card>
              <Tabs items={tabs} activeKey={tab} onChange={setTab} destroyOnHidden />
            </Card>
            <TransitionModal project={project} open={transitioning} onClose={() => setTransitioning(false)} />
          </Flex>
        );
      }}
    </QueryBoundary>
  );
}
