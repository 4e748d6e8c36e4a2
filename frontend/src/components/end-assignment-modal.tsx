import { App, Form, Input } from 'antd';
import { useEndAssignment, type Assignment } from '@/lib/api/assignments';
import { FormModal } from './form-modal';

/** 结束牵头关系, with a required reason. */
export function EndAssignmentModal({ assignment, onClose }: { assignment?: Assignment; onClose: () => void }) {
  const { message } = App.useApp();
  const end = useEndAssignment();

  const onSubmit = async ({ reason }: { reason: string }) => {
    if (!assignment) return;
    await end.mutateAsync({ id: assignment.id, reason: reason.trim() });
    message.success(`已结束 ${assignment.leader_name} 对“${assignment.project_name}”的牵头`);
    onClose();
  };

  return (
    <FormModal<{ reason: string }> open={!!assignment} title="结束牵头" onClose={onClose} name="end-assignment-form" onSubmit={onSubmit}>
      <Form.Item
        label="结束原因"
        name="reason"
        rules={[
          { required: true, whitespace: true, message: '请填写结束原因' },
          { min: 2, message: '原因至少 2 个字' },
        ]}
      >
        <Input.TextArea rows={3} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}
