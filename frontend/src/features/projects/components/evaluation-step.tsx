import { AuditOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Popconfirm, Typography } from 'antd';
import { useApiError } from '@/lib/use-api-error';
import { useNextStages, useTransition, type Project } from '../api/projects';

/** What the lead still lacks before 提交评估, as the server's gate says (next-stages). */
function useSubmissionGaps(project: Project, enabled: boolean) {
  const next = useNextStages(project.id, enabled && project.stage === 'lead');
  const target = next.data?.find((t) => t.stage === 'evaluation');
  return { loading: next.isLoading, missing: target?.missing ?? [], offered: !!target };
}

/** The district's 信息收集 → 评估 step under the stage bar: what a submission still needs, or
 * that the project waits for the bureau's evaluation. */
export function EvaluationStepNotice({ project, canEdit, evaluates }: { project: Project; canEdit: boolean; evaluates: boolean }) {
  const gaps = useSubmissionGaps(project, canEdit);
  if (project.stage === 'lead' && canEdit && gaps.offered) {
    if (!gaps.missing.length) {
      return (
        <Alert
          type="success"
          showIcon
          data-testid="submission-gaps"
          title="信息已齐全，可提交市商务局评估"
          description="提交后招商统筹将收到通知并录入项目评估。"
        />
      );
    }
    return (
      <Alert
        type="warning"
        showIcon
        data-testid="submission-gaps"
        title="提交评估前还需补充"
        description={
          <Flex vertical gap={2} component="ul" style={{ margin: 0, paddingInlineStart: 18 }}>
            {gaps.missing.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </Flex>
        }
      />
    );
  }
  if (project.stage === 'evaluation') {
    return (
      <Alert
        type="info"
        showIcon
        data-testid="evaluation-waiting"
        title={evaluates ? '待录入评估' : '已提交评估，等待市商务局评估'}
        description={
          evaluates ? (
            <Typography.Text>
              录入评估（产业契合度、亩均投资、亩均税收、能耗与环保）；结论为“建议推进”后可推进至项目接洽。
            </Typography.Text>
          ) : (
            '项目评估由市商务局招商统筹录入；评估通过后由招商统筹推进至项目接洽。'
          )
        }
      />
    );
  }
  return null;
}

/** 提交评估: the lead → evaluation transition, open once nothing is missing. */
export function SubmitEvaluationButton({ project }: { project: Project }) {
  const gaps = useSubmissionGaps(project, true);
  const transition = useTransition(project.id);
  const { message } = App.useApp();
  const showError = useApiError();
  if (!gaps.offered) return null;

  const submit = async () => {
    try {
      await transition.mutateAsync({ to_stage: 'evaluation', expected_stage: 'lead' });
      message.success('已提交评估，市商务局招商统筹将收到通知');
    } catch (err) {
      showError(err);
    }
  };

  return (
    <Popconfirm
      title="提交评估"
      description="提交市商务局评估？提交后由招商统筹录入评估。"
      okText="提交"
      cancelText="取消"
      onConfirm={submit}
      disabled={gaps.missing.length > 0}
    >
      <Button
        type="primary"
        icon={<SendOutlined />}
        disabled={gaps.loading || gaps.missing.length > 0}
        loading={transition.isPending}
        data-testid="submit-evaluation"
      >
        提交评估
      </Button>
    </Popconfirm>
  );
}

/** 录入评估: the coordinator's step on a project waiting for the bureau's evaluation. */
export function RecordEvaluationButton({ onClick }: { onClick: () => void }) {
  return (
    <Button type="primary" icon={<AuditOutlined />} onClick={onClick} data-testid="record-evaluation">
      录入评估
    </Button>
  );
}
