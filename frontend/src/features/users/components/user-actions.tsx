import { App, Button, Popconfirm, Space } from 'antd';
import { useMe } from '@/lib/auth/use-session';
import { useApiError } from '@/lib/use-api-error';
import { useUpdateUser, type User } from '../api/users';

interface UserActionsProps {
  user: User;
  onEdit: (user: User) => void;
  onResetPassword: (user: User) => void;
}

/** 编辑 / 重置密码 / 停用 (启用) of one user: in the table's last column, under a phone's card. */
export function UserActions({ user, onEdit, onResetPassword }: UserActionsProps) {
  const me = useMe();
  const { message } = App.useApp();
  const showError = useApiError();
  const update = useUpdateUser();

  const toggleActive = async () => {
    try {
      await update.mutateAsync({ user, body: { is_active: !user.is_active } });
      message.success(user.is_active ? `已停用“${user.full_name}”` : `已启用“${user.full_name}”`);
    } catch (err) {
      showError(err);
    }
  };

  return (
    <Space size={0} wrap>
      <Button type="link" size="small" onClick={() => onEdit(user)}>
        编辑
      </Button>
      <Button type="link" size="small" onClick={() => onResetPassword(user)}>
        重置密码
      </Button>
      {user.id !== me.id && (
        <Popconfirm
          title={user.is_active ? '停用用户' : '启用用户'}
          description={user.is_active ? `停用后“${user.full_name}”将无法登录，确定停用？` : `确定重新启用“${user.full_name}”？`}
          okText="确定"
          cancelText="取消"
          onConfirm={toggleActive}
        >
          <Button type="link" size="small" danger={user.is_active}>
            {user.is_active ? '停用' : '启用'}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}
