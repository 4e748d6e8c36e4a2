import { Alert, App, Button, Flex, Form, Typography } from 'antd';
import { useState } from 'react';
import { FormModal } from '@/components/form-modal';
import { NoteField } from '@/components/note-field';
import { errorMessage, fieldErrors } from '@/lib/api/problem';
import { useTransitionDecision, type Decision } from '../api/decisions';
import { decisionButtons, type DecisionActionKey, type DecisionActionSpec } from '../lib/decision-actions';
import { DecisionFormModal } from './decision-form-modal';
import { ToTicketsModal } from './to-tickets-modal';

function TransitionModal({ decision, spec, onClose }: { decision: Decision; spec: DecisionActionSpec; onClose: () => void }) {
  const [form] = Form.useForm<{ note?: string }>();
  const { message } = App.useApp();
  const transition = useTransitionDecision(decision);
  const [error, setError] = useState<unknown>(null);

  const onSubmit = async ({ note }: { note?: string }) => {
    setError(null);
    await transition.mutateAsync({ to_state: spec.toState!, note: note?.trim() || null });
    message.success(spec.done);
    onClose();
  };

  const onError = (err: unknown) => {
    const fields = fieldErrors(err, ['note']);
    if (fields.length) form.setFields(fields as { name: 'note'; errors: string[] }[]);
    setError(err);
  };

  return (
    <FormModal<{ note?: string }>
      title={`${spec.label}：${decision.code}`}
      okText={spec.label}
      okButtonProps={{ danger: spec.danger }}
      onClose={onClose}
      form={form}
      name="decision-transition-form"
      onSubmit={onSubmit}
      onError={onError}
      header={
        <>
          {error ? (
            <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} data-testid="action-error" />
          ) : null}
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, tooltip: decision.text }}>
            {decision.text}
          </Typography.Paragraph>
        </>
      }
    >
      <NoteField
        label={spec.noteLabel}
        required={spec.noteRequired}
        placeholder={spec.noteRequired ? '必填' : '可选，记入跟踪记录'}
      />
    </FormModal>
  );
}

/** The dialog of one decision action: 转交办, 编辑, or a state change with its note. */
export function DecisionActionModal({
  decision,
  spec,
  onClose,
}: {
  decision: Decision;
  spec: DecisionActionSpec;
  onClose: () => void;
}) {
  if (spec.form === 'to_tickets') return <ToTicketsModal decision={decision} onClose={onClose} />;
  if (spec.form === 'edit') return <DecisionFormModal meetingId={decision.meeting_id} decision={decision} onClose={onClose} />;
  return <TransitionModal decision={decision} spec={spec} onClose={onClose} />;
}

/**
 * The buttons `actions` allows on a decision. `only` limits them (a table row shows 编辑 and
 * 转交办; the decision page shows every one).
 */
export function DecisionButtons({
  decision,
  only,
  compact = false,
  onSelect,
}: {
  decision: Decision;
  only?: DecisionActionKey[];
  compact?: boolean;
  onSelect: (spec: DecisionActionSpec) => void;
}) {
  const specs = decisionButtons(decision.actions).filter((s) => !only || only.includes(s.key));
  if (!specs.length) return null;
  return (
    <Flex gap={compact ? 0 : 8} wrap data-testid="decision-actions">
      {specs.map((s) => (
        <Button
          key={s.key}
          size={compact ? 'small' : 'middle'}
          type={compact ? 'link' : s.primary ? 'primary' : 'default'}
          danger={s.danger}
          onClick={() => onSelect(s)}
        >
          {s.label}
        </Button>
      ))}
    </Flex>
  );
}

/**
 * The buttons and their dialogs. An open dialog stays open when its action is no longer
 * offered (转交办 done, the result still to show).
 */
export function DecisionActions({ decision }: { decision: Decision }) {
  const [open, setOpen] = useState<DecisionActionSpec | null>(null);
  return (
    <>
      <DecisionButtons decision={decision} onSelect={setOpen} />
      {open ? <DecisionActionModal decision={decision} spec={open} onClose={() => setOpen(null)} /> : null}
    </>
  );
}
