import { Alert, App, Button, Flex, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { Meeting } from '@/lib/api/meetings';
import { errorMessage } from '@/lib/api/problem';
import { useTransitionMeeting } from '../api/meetings';
import { MeetingFormModal } from './meeting-form-modal';

type Step = 'held' | 'published';

const STEPS: Record<Step, { label: string; done: string; explain: string }> = {
  held: {
    label: '确认召开',
    done: '会议已召开',
    explain: '确认会议已经召开。召开后可继续整理纪要、记录议定事项，纪要定稿后印发。',
  },
  published: {
    label: '印发纪要',
    done: '纪要已印发（第 1 版）',
    explain:
      '印发后纪要冻结为第 1 版，会议信息和议定事项不能再修改；之后如需更正，须以“修订纪要”印发新版本并写明原因。',
  },
};

function TransitionModal({ meeting, step, onClose }: { meeting: Meeting; step: Step; onClose: () => void }) {
  const { message } = App.useApp();
  const transition = useTransitionMeeting(meeting);
  const [error, setError] = useState<unknown>(null);
  const spec = STEPS[step];
  const onOk = async () => {
    setError(null);
    try {
      await transition.mutateAsync(step);
      message.success(spec.done);
      onClose();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Modal
      open
      title={`${spec.label}：${meeting.title}`}
      okText={spec.label}
      cancelText="取消"
      onOk={onOk}
      onCancel={onClose}
      confirmLoading={transition.isPending}
      width={step === 'published' ? 680 : 520}
      destroyOnHidden
    >
      {error ? (
        <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} data-testid="action-error" />
      ) : null}
      <Typography.Paragraph>{spec.explain}</Typography.Paragraph>
      {step === 'published' ? (
        <div
          style={{ maxHeight: 280, overflow: 'auto', background: '#fafafa', border: '1px solid #f0f0f0', padding: 12, borderRadius: 6 }}
        >
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="publish-preview">
            {meeting.minutes_draft}
          </Typography.Paragraph>
        </div>
      ) : null}
    </Modal>
  );
}

/** The buttons `actions` allows: 编辑, 确认召开 → 印发纪要. */
export function MeetingActions({ meeting }: { meeting: Meeting }) {
  const [step, setStep] = useState<Step | null>(null);
  const [editing, setEditing] = useState(false);
  const can = (a: string) => meeting.actions.includes(a);
  if (!can('edit') && !can('held') && !can('published')) return null;
  return (
    <>
      <Flex gap={8} wrap data-testid="meeting-actions">
        {can('edit') ? <Button onClick={() => setEditing(true)}>编辑</Button> : null}
        {can('held') ? (
          <Button type="primary" onClick={() => setStep('held')}>
            {STEPS.held.label}
          </Button>
        ) : null}
        {can('published') ? (
          <Button type="primary" onClick={() => setStep('published')}>
            {STEPS.published.label}
          </Button>
        ) : null}
      </Flex>
      {step ? <TransitionModal meeting={meeting} step={step} onClose={() => setStep(null)} /> : null}
      {editing ? <MeetingFormModal meeting={meeting} onClose={() => setEditing(false)} /> : null}
    </>
  );
}
