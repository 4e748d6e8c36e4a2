import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Input, Select, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { ListTable } from '@/components/list-table';
import { PageHeader } from '@/components/page-header';
import { SearchForm } from '@/components/search-form';
import { UnitTreeSelect } from '@/components/unit-tree';
import { useUnitNames } from '@/components/unit-select';
import { labelOf, toSelectOptions, useEnums } from '@/lib/api/meta';
import { formatDateTime } from '@/lib/format';
import { toSortParam } from '@/lib/table-sort';
import { useUrlFilters, type FilterSpec } from '@/lib/url-filters';
import { useIsPhone } from '@/lib/use-phone';
import { useUsers, type User, type UserFilters } from '../api/users';
import { ResetPasswordModal } from './reset-password-modal';
import { UserActions } from './user-actions';
import { UserFormModal } from './user-form-modal';
import { UserUnitTree } from './user-unit-tree';

const STATUS_OPTIONS = [
  { value: 'active', label: '启用' },
  { value: 'inactive', label: '停用' },
];

const SPEC: FilterSpec<UserFilters> = {
  q: 'string',
  role: 'string',
  is_active: 'boolean',
  unit_id: 'string',
  include_sub_units: 'boolean',
  sort: 'string',
};

/** 状态 is a choice in the form and a yes/no filter in the address. */
const toForm = (f: UserFilters) => ({ status: f.is_active === undefined || f.is_active === null ? undefined : f.is_active ? 'active' : 'inactive' });
const fromForm = (values: Record<string, unknown>): Partial<UserFilters> =>
  ({ status: undefined, is_active: values.status === undefined ? undefined : values.status === 'active' }) as Partial<UserFilters>;

function StatusTag({ user }: { user: User }) {
  if (!user.is_active) return <Tag>已停用</Tag>;
  if (user.locked_until && new Date(user.locked_until) > new Date()) {
    return <Tag color="orange">已锁定至 {formatDateTime(user.locked_until)}</Tag>;
  }
  return <Tag color="green">启用</Tag>;
}

export default function UsersPage() {
  const phone = useIsPhone();
  const enums = useEnums();
  const unitNames = useUnitNames();
  const { filters, setFilters, patch } = useUrlFilters(SPEC);
  const [editing, setEditing] = useState<User | undefined>();
  const [formOpen, setFormOpen] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);
  const list = useUsers(filters);

  const edit = (u?: User) => {
    setEditing(u);
    setFormOpen(true);
  };
  // A unit picked in the tree lists its users and, for a district, those of its parks.
  const pickUnit = (unit_id?: string) => patch({ unit_id, include_sub_units: unit_id ? true : undefined });
  const actions = (u: User) => <UserActions user={u} onEdit={edit} onResetPassword={setResetting} />;
  const roleLabel = (role: string) => labelOf(enums.data?.roles, role);

  // Beside the unit tree the table has ~850 px at 1440: no 创建时间 column (the audit log
  // records who created whom, and when); dates and login names never wrap.
  const columns: ColumnsType<User> = [
    {
      title: '姓名',
      key: 'full_name',
      dataIndex: 'full_name',
      sorter: true,
      render: (name: string, u) => (
        <Flex vertical>
          <Typography.Text strong>{name}</Typography.Text>
          <Typography.Text type="secondary" className="mono nowrap">
            {u.username}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: '角色', dataIndex: 'role', render: (role: string) => <span className="nowrap">{roleLabel(role)}</span> },
    { title: '所属单位', dataIndex: 'unit_name' },
    { title: <span className="nowrap">联系电话</span>, dataIndex: 'phone', render: (p: string | null) => <span className="nowrap">{p || '—'}</span> },
    { title: '状态', key: 'status', render: (_, u) => <StatusTag user={u} /> },
    { title: '最近登录', dataIndex: 'last_login_at', render: (v: string | null) => <span className="nowrap">{formatDateTime(v)}</span> },
    { title: '操作', key: 'actions', width: 190, render: (_, u) => actions(u) },
  ];

  const listCard = (
    <Card
      title={filters.unit_id ? `${unitNames.get(filters.unit_id) ?? '…'}的用户` : '全部用户'}
      size={phone ? 'small' : undefined}
      style={{ flex: 1, minWidth: 0 }}
    >
      {phone ? (
        <UnitTreeSelect
          placeholder="全部单位"
          value={filters.unit_id}
          onChange={(v?: string) => pickUnit(v)}
          style={{ width: '100%', marginBottom: 12 }}
          data-testid="unit-picker"
        />
      ) : null}
      <SearchForm testId="user-filters" filters={filters} onSearch={setFilters} toForm={toForm} fromForm={fromForm}>
        <Form.Item name="q" label="关键词">
          <Input placeholder="搜索姓名或账号" allowClear />
        </Form.Item>
        <Form.Item name="role" label="角色">
          <Select placeholder="全部角色" allowClear options={toSelectOptions(enums.data?.roles)} />
        </Form.Item>
        <Form.Item name="status" label="状态">
          <Select placeholder="全部状态" allowClear options={STATUS_OPTIONS} />
        </Form.Item>
      </SearchForm>
      <ListTable<User>
        list={list}
        columns={columns}
        settingsKey="users"
        sort={filters.sort}
        onChange={(_, __, sorter) => patch({ sort: toSortParam(sorter) })}
        data-testid="users-table"
        card={(u) => ({
          code: u.username,
          title: u.full_name,
          status: <StatusTag user={u} />,
          muted: !u.is_active,
          facts: [
            { label: '角色', value: roleLabel(u.role) },
            { label: '所属单位', value: u.unit_name },
            { label: '联系电话', value: u.phone || '—' },
            { label: '最近登录', value: <span className="nowrap">{formatDateTime(u.last_login_at)}</span> },
          ],
          actions: actions(u),
        })}
      />
    </Card>
  );

  return (
    <>
      <PageHeader
        title="用户管理"
        subtitle="管理系统账号、角色与所属单位"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => edit(undefined)}>
            新建用户
          </Button>
        }
      />
      {phone ? (
        listCard
      ) : (
        <Flex gap={16} align="flex-start">
          <UserUnitTree value={filters.unit_id} onChange={pickUnit} />
          {listCard}
        </Flex>
      )}
      <UserFormModal open={formOpen} user={editing} onClose={() => setFormOpen(false)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
