import { App, Alert, Form, Input, Modal } from 'antd';
import { confirmPasswordRules, newPasswordRules, PASSWORD_HINT } from '@/lib/password';
import { useApiError } from '@/lib/use-api-error';
import { useResetPassword, type User } from '../api/users';

interface Values {
  new_password: string;
  confirm: string;
}

export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const showError = useApiError();
  const reset = useResetPassword();

  const onFinish = async (values: Values) => {
    if (!user) return;
    try {
      await reset.mutateAsync({ userId: user.id, newPassword: values.new_password });
      message.success(`已重置“${user.full_name}”的密码`);
      onClose();
    } catch (err) {
      showError(err, form);
    }
  };

  return (
    <Modal
      open={!!user}
      title={user ? `重置密码：${user.full_name}（${user.username}）` : '重置密码'}
      okText="重置"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={reset.isPending}
      destroyOnHidden
    >
      <Alert
        type="warning"
        showIcon
        title="重置后该用户在所有设备上的登录将失效，请将新密码当面或通过安全渠道告知本人。"
        style={{ marginBottom: 16 }}
      />
      <Form<Values> form={form} name="reset-password" layout="vertical" onFinish={onFinish} preserve={false}>
        <Form.Item label="新密码" name="new_password" extra={PASSWORD_HINT} rules={newPasswordRules}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item label="确认新密码" name="confirm" dependencies={['new_password']} rules={confirmPasswordRules('new_password')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
