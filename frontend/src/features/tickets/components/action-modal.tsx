import { App, Form, Input, Rate, Typography } from 'antd';
import { useState } from 'react';
import { FormModal } from '@/components/form-modal';
import { NoteField } from '@/components/note-field';
import { fieldErrors } from '@/lib/api/problem';
import type { Ticket } from '@/lib/api/tickets';
import { escalationLetter } from '@/lib/tickets';
import { useAddNote, useEscalate, useEscalationPreview, useTransitionTicket } from '../api/tickets';
import type { ActionSpec } from '../lib/actions';
import { ActionError } from './action-error';
import { EscalationPreview } from './escalation-preview';

interface Values {
  note?: string;
  satisfaction?: number;
  satisfaction_comment?: string;
}

const RATE_TEXT = ['很不满意', '不满意', '一般', '满意', '非常满意'];

/** One dialog for every step but 交办: a note (required or not), or the 办结 rating. */
export function ActionModal({ ticket, spec, onClose }: { ticket: Ticket; spec: ActionSpec; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>(null);
  const transition = useTransitionTicket(ticket);
  const nudge = useAddNote(ticket.id, 'nudges');
  const instruct = useAddNote(ticket.id, 'instructions');
  const escalate = useEscalate(ticket.id);
  const isEscalation = spec.key === 'escalate';
  const preview = useEscalationPreview(ticket.id, isEscalation);
  const letter = preview.data ? escalationLetter(preview.data.level) : null;
  const rating = Form.useWatch('satisfaction', form);

  const submit = async (v: Values) => {
    const note = v.note?.trim() || null;
    if (spec.toState) {
      await transition.mutateAsync({
        to_state: spec.toState,
        note,
        ...(spec.form === 'close'
          ? { satisfaction: v.satisfaction ?? null, satisfaction_comment: v.satisfaction_comment?.trim() || null }
          : {}),
      });
      return spec.done;
    }
    if (isEscalation) {
      // The level the dialog named: if someone escalated meanwhile the server refuses (409)
      // rather than issuing another letter than the one shown.
      const row = await escalate.mutateAsync({ reason: note ?? '', expectedLevel: preview.data?.level });
      return `已督办，已发出${escalationLetter(row.level)} ${row.letter_number}`;
    }
    await (spec.key === 'nudge' ? nudge : instruct).mutateAsync(note ?? '');
    return spec.done;
  };

  const onSubmit = async (v: Values) => {
    setError(null);
    message.success(await submit(v));
    onClose();
  };

  // The server names the note `text` or `reason` on some steps; the dialog has one note field.
  const onError = (err: unknown) => {
    const fields = fieldErrors(err, ['note', 'satisfaction', 'satisfaction_comment', 'text', 'reason']).map((f) => ({
      ...f,
      name: f.name === 'text' || f.name === 'reason' ? 'note' : f.name,
    }));
    if (fields.length) form.setFields(fields as { name: keyof Values; errors: string[] }[]);
    setError(err);
    if (isEscalation) void preview.refetch();
  };

  return (
    <FormModal<Values>
      title={`${spec.label}：${ticket.title}`}
      okText={isEscalation && letter ? `发出${letter}` : spec.label}
      okButtonProps={{ danger: spec.danger, disabled: isEscalation && !preview.data }}
      onClose={onClose}
      form={form}
      name="ticket-action-form"
      onSubmit={onSubmit}
      onError={onError}
      header={
        <>
          <ActionError error={error} />
          {isEscalation ? (
            <EscalationPreview preview={preview.data} loading={preview.isLoading} error={preview.error} />
          ) : null}
        </>
      }
    >
      {spec.form === 'close' ? (
        <>
          <Typography.Paragraph type="secondary">
            确认办理部门反馈的结果已解决问题，事项办结后不能再退回。请评价本次服务。
          </Typography.Paragraph>
          <Form.Item label="满意度" name="satisfaction" rules={[{ required: true, message: '请评价满意度（1–5 星）' }]}>
            <Rate tooltips={RATE_TEXT} aria-label="满意度" />
          </Form.Item>
          {rating ? (
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: -16, marginBottom: 16 }} data-testid="rating-text">
              {rating} 星 · {RATE_TEXT[rating - 1]}
            </Typography.Text>
          ) : null}
          <Form.Item label="评价意见" name="satisfaction_comment">
            <Input.TextArea rows={3} maxLength={500} showCount placeholder="可选" />
          </Form.Item>
        </>
      ) : (
        <NoteField
          label={spec.noteLabel}
          required={spec.noteRequired}
          rows={4}
          showCount
          placeholder={spec.notePlaceholder ?? (spec.noteRequired ? '必填' : '可选')}
        />
      )}
    </FormModal>
  );
}
