import { App, Alert, Form, Input } from 'antd';
import { FormModal } from '@/components/form-modal';
import { confirmPasswordRules, newPasswordRules, PASSWORD_HINT } from '@/lib/password';
import { useResetPassword, type User } from '../api/users';

interface Values {
  new_password: string;
  confirm: string;
}

export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { message } = App.useApp();
  const reset = useResetPassword();

  const onSubmit = async (values: Values) => {
    if (!user) return;
    await reset.mutateAsync({ userId: user.id, newPassword: values.new_password });
    message.success(`已重置“${user.full_name}”的密码`);
    onClose();
  };

  return (
    <FormModal<Values>
      open={!!user}
      title={user ? `重置密码：${user.full_name}（${user.username}）` : '重置密码'}
      okText="重置"
      onClose={onClose}
      name="reset-password"
      onSubmit={onSubmit}
      header={
        <Alert
          type="warning"
          showIcon
          title="重置后该用户在所有设备上的登录将失效，请将新密码当面或通过安全渠道告知本人。"
          style={{ marginBottom: 16 }}
        />
      }
    >
      <Form.Item label="新密码" name="new_password" extra={PASSWORD_HINT} rules={newPasswordRules}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item label="确认新密码" name="confirm" dependencies={['new_password']} rules={confirmPasswordRules('new_password')}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </FormModal>
  );
}
