import { App, Form, Input, Modal } from 'antd';
import { useEndAssignment, type Assignment } from '@/lib/api/assignments';
import { useApiError } from '@/lib/use-api-error';

/** 结束牵头关系, with a required reason. */
export function EndAssignmentModal({ assignment, onClose }: { assignment?: Assignment; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const { message } = App.useApp();
  const showError = useApiError();
  const end = useEndAssignment();

  const onFinish = async ({ reason }: { reason: string }) => {
    if (!assignment) return;
    try {
      await end.mutateAsync({ id: assignment.id, reason: reason.trim() });
      message.success(`已结束 ${assignment.leader_name} 对“${assignment.project_name}”的牵头`);
      onClose();
    } catch (err) {
      showError(err, form);
    }
  };

  return (
    <Modal
      open={!!assignment}
      title="结束牵头"
      okText="确定"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={end.isPending}
      destroyOnHidden
    >
      <Form form={form} name="end-assignment-form" layout="vertical" onFinish={onFinish} preserve={false}>
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
      </Form>
    </Modal>
  );
}
