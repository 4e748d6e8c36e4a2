import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Input, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { ListTable } from '@/components/list-table';
import { PageHeader } from '@/components/page-header';
import { UnitSelect } from '@/components/unit-select';
import { labelOf, toSelectOptions, useEnums } from '@/lib/api/meta';
import { useMe } from '@/lib/auth/use-session';
import type { Role } from '@/lib/api/types';
import { formatDateTime } from '@/lib/format';
import { toSortParam } from '@/lib/table-sort';
import { useApiError } from '@/lib/use-api-error';
import { useUpdateUser, useUsers, type User, type UserFilters } from '../api/users';
import { ResetPasswordModal } from './reset-password-modal';
import { UserFormModal } from './user-form-modal';

const STATUS_OPTIONS = [
  { value: 'active', label: '启用' },
  { value: 'inactive', label: '停用' },
];

function StatusTag({ user }: { user: User }) {
  if (!user.is_active) return <Tag>已停用</Tag>;
  if (user.locked_until && new Date(user.locked_until) > new Date()) {
    return <Tag color="orange">已锁定至 {formatDateTime(user.locked_until)}</Tag>;
  }
  return <Tag color="green">启用</Tag>;
}

export default function UsersPage() {
  const me = useMe();
  const enums = useEnums();
  const { message } = App.useApp();
  const showError = useApiError();
  const [filters, setFilters] = useState<UserFilters>({});
  const [editing, setEditing] = useState<User | undefined>();
  const [formOpen, setFormOpen] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);
  const list = useUsers(filters);
  const update = useUpdateUser();

  const toggleActive = async (user: User) => {
    try {
      await update.mutateAsync({ user, body: { is_active: !user.is_active } });
      message.success(user.is_active ? `已停用“${user.full_name}”` : `已启用“${user.full_name}”`);
    } catch (err) {
      showError(err);
    }
  };

  const columns: ColumnsType<User> = [
    {
      title: '姓名',
      key: 'full_name',
      dataIndex: 'full_name',
      sorter: true,
      render: (name: string, u) => (
        <Flex vertical>
          <Typography.Text strong>{name}</Typography.Text>
          <Typography.Text type="secondary" className="mono">
            {u.username}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: '角色', dataIndex: 'role', render: (role: string) => labelOf(enums.data?.roles, role) },
    { title: '所属单位', dataIndex: 'unit_name' },
    { title: '联系电话', dataIndex: 'phone', render: (phone: string | null) => phone || '—' },
    { title: '状态', key: 'status', render: (_, u) => <StatusTag user={u} /> },
    { title: '最近登录', dataIndex: 'last_login_at', render: (v: string | null) => formatDateTime(v) },
    { title: '创建时间', key: 'created_at', dataIndex: 'created_at', sorter: true, render: (v: string) => formatDateTime(v) },
    {
      title: '操作',
      key: 'actions',
      width: 220,
      render: (_, u) => (
        <Space size={0} wrap>
          <Button
            type="link"
            size="small"
            onClick={() => {
              setEditing(u);
              setFormOpen(true);
            }}
          >
            编辑
          </Button>
          <Button type="link" size="small" onClick={() => setResetting(u)}>
            重置密码
          </Button>
          {u.id !== me.id && (
            <Popconfirm
              title={u.is_active ? '停用用户' : '启用用户'}
              description={
                u.is_active ? `停用后“${u.full_name}”将无法登录，确定停用？` : `确定重新启用“${u.full_name}”？`
              }
              okText="确定"
              cancelText="取消"
              onConfirm={() => toggleActive(u)}
            >
              <Button type="link" size="small" danger={u.is_active}>
                {u.is_active ? '停用' : '启用'}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="用户管理"
        subtitle="管理系统账号、角色与所属单位"
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              setEditing(undefined);
              setFormOpen(true);
            }}
          >
            新建用户
          </Button>
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }} data-testid="user-filters">
          <Input.Search
            placeholder="搜索姓名或账号"
            allowClear
            style={{ width: 240 }}
            onSearch={(q) => setFilters((f) => ({ ...f, q: q.trim() || undefined }))}
          />
          <Select
            placeholder="全部角色"
            allowClear
            style={{ width: 200 }}
            options={toSelectOptions(enums.data?.roles)}
            onChange={(role?: Role) => setFilters((f) => ({ ...f, role }))}
          />
          <UnitSelect
            placeholder="全部单位"
            style={{ width: 220 }}
            includeInactive
            onChange={(unit_id?: string) => setFilters((f) => ({ ...f, unit_id }))}
          />
          <Select
            placeholder="全部状态"
            allowClear
            style={{ width: 140 }}
            options={STATUS_OPTIONS}
            onChange={(v?: string) => setFilters((f) => ({ ...f, is_active: v === undefined ? undefined : v === 'active' }))}
          />
        </Flex>
        <ListTable<User>
          list={list}
          columns={columns}
          onChange={(_, __, sorter) => setFilters((f) => ({ ...f, sort: toSortParam(sorter) }))}
          data-testid="users-table"
        />
      </Card>
      <UserFormModal open={formOpen} user={editing} onClose={() => setFormOpen(false)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
