import { App, Typography } from 'antd';
import { FormModal } from '@/components/form-modal';
import { NoteField } from '@/components/note-field';
import { useInstruct, type OpenTicket } from '../api/my-project';

/** 批示 on one ticket: a note sheet; the handling departments are told of it. */
export function InstructModal({ ticket, onClose }: { ticket: OpenTicket; onClose: () => void }) {
  const { message } = App.useApp();
  const instruct = useInstruct(ticket.id);
  const departments = [ticket.lead_department, ...ticket.co_departments].filter(Boolean).map((u) => u!.name);
  return (
    <FormModal<{ note: string }>
      title="领导批示"
      okText="发送批示"
      name="instruct"
      onClose={onClose}
      header={
        <Typography.Paragraph type="secondary">
          {ticket.code} {ticket.title}
          {departments.length ? `。批示将通知${departments.join('、')}。` : ''}
        </Typography.Paragraph>
      }
      onSubmit={async ({ note }) => {
        await instruct.mutateAsync(note.trim());
        message.success('批示已发送');
        onClose();
      }}
    >
      <NoteField label="批示内容" required rows={4} showCount placeholder="如：请市自然资源和规划局本周内拿出用地方案。" />
    </FormModal>
  );
}
