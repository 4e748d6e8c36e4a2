import { ThunderboltOutlined } from '@ant-design/icons';
import { Alert, Button, Popconfirm } from 'antd';
import { useApiError } from '@/lib/use-api-error';
import { useRunEscalation, type EscalationRun } from '../api/tickets';

function summary(run: EscalationRun): string {
  if (!run.ran) return '另一督办检查正在执行，本次未重复执行，请稍后刷新查看结果。';
  const parts = [
    run.escalated ? `新督办 ${run.escalated} 件（已生成督办函或通报）` : '没有需要新督办的事项',
    run.due_soon_notified ? `向办理部门发出即将到期提醒 ${run.due_soon_notified} 件` : '没有新的即将到期提醒',
    run.decisions_reminded
      ? `提醒会议议定事项 ${run.decisions_reminded} 件（即将到期或已超期）`
      : '没有需要提醒的会议议定事项',
    run.meetings_reminded ? `向参会单位和主持领导发出会前提醒 ${run.meetings_reminded} 场` : '没有需要会前提醒的会议',
  ];
  return `${parts.join('；')}。`;
}

/** 立即执行督办检查: the scheduled escalation job, run now by a supervisor or coordinator. */
export function EscalationRunButton({ onDone }: { onDone: (run: EscalationRun) => void }) {
  const run = useRunEscalation();
  const showError = useApiError();
  const onConfirm = async () => {
    try {
      onDone(await run.mutateAsync());
    } catch (err) {
      showError(err);
    }
  };
  return (
    <Popconfirm
      title="立即执行督办检查"
      description="检查逾期未签收、超期未办结和多次退回的事项，按规则升级督办并生成督办函；同时提醒即将到期和已超期的会议议定事项，以及下一个工作日前召开的会议。确定执行？"
      okText="执行"
      cancelText="取消"
      onConfirm={onConfirm}
    >
      <Button icon={<ThunderboltOutlined />} loading={run.isPending}>
        立即执行督办检查
      </Button>
    </Popconfirm>
  );
}

export function EscalationRunResult({ run, onClose }: { run: EscalationRun; onClose: () => void }) {
  return (
    <Alert
      type={run.escalated ? 'warning' : 'success'}
      showIcon
      closable={{ onClose }}
      title="督办检查已完成"
      description={summary(run)}
      style={{ marginBottom: 16 }}
      data-testid="escalation-run-result"
    />
  );
}
