import { App, Form, Input, Select } from 'antd';
import { FormModal } from '@/components/form-modal';
import { UnitSelect } from '@/components/unit-select';
import { toSelectOptions, useEnums } from '@/lib/api/meta';
import { confirmPasswordRules, newPasswordRules, PASSWORD_HINT } from '@/lib/password';
import type { Role } from '@/lib/api/types';
import { useCreateUser, useUpdateUser, type User } from '../api/users';

interface UserFormValues {
  username: string;
  full_name: string;
  role: Role;
  unit_id: string;
  phone?: string;
  password?: string;
  confirm?: string;
}

interface UserFormModalProps {
  open: boolean;
  /** The user to edit; undefined creates a new one. */
  user?: User;
  onClose: () => void;
}

export function UserFormModal({ open, user, onClose }: UserFormModalProps) {
  const [form] = Form.useForm<UserFormValues>();
  const { message } = App.useApp();
  const enums = useEnums();
  const create = useCreateUser();
  const update = useUpdateUser();
  const editing = !!user;

  // destroyOnHidden remounts the form on every open, so initialValues apply afresh.
  const initialValues: Partial<UserFormValues> | undefined = user
    ? {
        username: user.username,
        full_name: user.full_name,
        role: user.role,
        unit_id: user.unit_id,
        phone: user.phone ?? undefined,
      }
    : undefined;

  const onSubmit = async (values: UserFormValues) => {
    const phone = values.phone?.trim() || null;
    if (user) {
      await update.mutateAsync({
        user,
        body: { full_name: values.full_name.trim(), role: values.role, unit_id: values.unit_id, phone },
      });
      message.success(`已保存用户“${values.full_name}”`);
    } else {
      await create.mutateAsync({
        username: values.username.trim(),
        full_name: values.full_name.trim(),
        role: values.role,
        unit_id: values.unit_id,
        phone,
        password: values.password ?? '',
      });
      message.success(`已创建用户“${values.full_name}”`);
    }
    onClose();
  };

  return (
    <FormModal<UserFormValues>
      open={open}
      title={editing ? `编辑用户：${user.full_name}` : '新建用户'}
      okText={editing ? '保存' : '创建'}
      onClose={onClose}
      width={560}
      form={form}
      name="user-form"
      initialValues={initialValues}
      onSubmit={onSubmit}
    >
      <Form.Item
        label="账号"
        name="username"
        extra={editing ? '账号创建后不可修改' : '用于登录：小写字母开头，3–64 位小写字母、数字或 . _ -'}
        rules={
          editing
            ? []
            : [
                { required: true, whitespace: true, message: '请输入账号' },
                { pattern: /^[a-z][a-z0-9._-]{2,63}$/, message: '小写字母开头，3–64 位小写字母、数字或 . _ -' },
              ]
        }
      >
        <Input disabled={editing} autoComplete="off" />
      </Form.Item>
      <Form.Item
        label="姓名"
        name="full_name"
        rules={[
          { required: true, whitespace: true, message: '请输入姓名' },
          { min: 2, max: 64, message: '姓名为 2–64 个字' },
        ]}
      >
        <Input />
      </Form.Item>
      <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}>
        <Select placeholder="选择角色" options={toSelectOptions(enums.data?.roles)} loading={enums.isLoading} />
      </Form.Item>
      <Form.Item label="所属单位" name="unit_id" rules={[{ required: true, message: '请选择所属单位' }]}>
        <UnitSelect allowClear={false} />
      </Form.Item>
      <Form.Item
        label="联系电话"
        name="phone"
        rules={[{ pattern: /^[0-9+\- ]{5,32}$/, message: '请输入有效的电话号码，如 13807320001 或 0731-58588888' }]}
      >
        <Input maxLength={32} />
      </Form.Item>
      {!editing && (
        <>
          <Form.Item label="初始密码" name="password" extra={PASSWORD_HINT} rules={newPasswordRules}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label="确认密码"
            name="confirm"
            dependencies={['password']}
            rules={confirmPasswordRules('password')}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
