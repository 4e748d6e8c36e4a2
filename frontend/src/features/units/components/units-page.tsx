import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Input, Popconfirm, Segmented, Select, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { ListTable } from '@/components/list-table';
import { PageHeader } from '@/components/page-header';
import { useUnitNames } from '@/components/unit-select';
import { labelOf, useEnums } from '@/lib/api/meta';
import type { UnitKind } from '@/lib/api/types';
import { formatDateTime } from '@/lib/format';
import { toSortParam } from '@/lib/table-sort';
import { useApiError } from '@/lib/use-api-error';
import { useUnits, useUpdateUnit, type Unit, type UnitFilters } from '../api/units';
import { UnitFormModal } from './unit-form-modal';

const STATUS_OPTIONS = [
  { value: 'active', label: '启用' },
  { value: 'inactive', label: '停用' },
];

export default function UnitsPage() {
  const enums = useEnums();
  const unitNames = useUnitNames();
  const { message } = App.useApp();
  const showError = useApiError();
  const [filters, setFilters] = useState<UnitFilters>({});
  const [editing, setEditing] = useState<Unit | undefined>();
  const [formOpen, setFormOpen] = useState(false);
  const list = useUnits(filters);
  const update = useUpdateUnit();

  const toggleActive = async (unit: Unit) => {
    try {
      await update.mutateAsync({ unit, body: { is_active: !unit.is_active } });
      message.success(unit.is_active ? `已停用“${unit.name}”` : `已启用“${unit.name}”`);
    } catch (err) {
      showError(err);
    }
  };

  const kindOptions = [
    { value: '', label: '全部' },
    ...(enums.data?.unit_kinds ?? []).map((k) => ({ value: k.value, label: k.label })),
  ];

  const columns: ColumnsType<Unit> = [
    { title: '编码', key: 'code', dataIndex: 'code', sorter: true, render: (code: string) => <span className="mono">{code}</span> },
    { title: '名称', key: 'name', dataIndex: 'name', sorter: true, render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
    { title: '类型', dataIndex: 'kind', render: (kind: string) => labelOf(enums.data?.unit_kinds, kind) },
    {
      title: '上级单位',
      dataIndex: 'parent_id',
      render: (id: string | null) => (id ? (unitNames.get(id) ?? '—') : '—'),
    },
    {
      title: '状态',
      dataIndex: 'is_active',
      render: (active: boolean) => (active ? <Tag color="green">启用</Tag> : <Tag>已停用</Tag>),
    },
    { title: '更新时间', dataIndex: 'updated_at', render: (v: string) => formatDateTime(v) },
    {
      title: '操作',
      key: 'actions',
      width: 140,
      render: (_, u) => (
        <Space size={0}>
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
          <Popconfirm
            title={u.is_active ? '停用单位' : '启用单位'}
            description={u.is_active ? `停用后不能再为“${u.name}”新建用户，确定停用？` : `确定重新启用“${u.name}”？`}
            okText="确定"
            cancelText="取消"
            onConfirm={() => toggleActive(u)}
          >
            <Button type="link" size="small" danger={u.is_active}>
              {u.is_active ? '停用' : '启用'}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="单位管理"
        subtitle="市商务局、县市区、园区、职能部门等单位"
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              setEditing(undefined);
              setFormOpen(true);
            }}
          >
            新建单位
          </Button>
        }
      />
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <Segmented
            options={kindOptions}
            value={filters.kind ?? ''}
            onChange={(kind) => setFilters((f) => ({ ...f, kind: (kind as UnitKind | '') || undefined }))}
          />
          <Input.Search
            placeholder="搜索名称或编码"
            allowClear
            style={{ width: 220 }}
            onSearch={(q) => setFilters((f) => ({ ...f, q: q.trim() || undefined }))}
          />
          <Select
            placeholder="全部状态"
            allowClear
            style={{ width: 140 }}
            options={STATUS_OPTIONS}
            onChange={(v?: string) => setFilters((f) => ({ ...f, is_active: v === undefined ? undefined : v === 'active' }))}
          />
        </Flex>
        <ListTable<Unit>
          list={list}
          columns={columns}
          onChange={(_, __, sorter) => setFilters((f) => ({ ...f, sort: toSortParam(sorter) }))}
        />
      </Card>
      <UnitFormModal open={formOpen} unit={editing} onClose={() => setFormOpen(false)} />
    </>
  );
}
