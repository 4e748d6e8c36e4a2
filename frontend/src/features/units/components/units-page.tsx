import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { ListCards } from '@/components/list-cards';
import { PageHeader } from '@/components/page-header';
import { SearchForm } from '@/components/search-form';
import { QueryError } from '@/components/query-error';
import { useAllUnits } from '@/components/unit-select';
import { unitForest, type UnitNode } from '@/components/unit-tree';
import { labelOf, toSelectOptions, useEnums } from '@/lib/api/meta';
import { formatDateTime } from '@/lib/format';
import { useUrlFilters, type FilterSpec } from '@/lib/url-filters';
import { useIsPhone } from '@/lib/use-phone';
import type { Unit } from '../api/units';
import { UnitActions } from './unit-actions';
import { UnitFormModal } from './unit-form-modal';

const STATUS_OPTIONS = [
  { value: 'active', label: '启用' },
  { value: 'inactive', label: '停用' },
];

interface Filters {
  kind?: string;
  q?: string;
  status?: string;
}

const SPEC: FilterSpec<Filters> = { kind: 'string', q: 'string', status: 'string' };

function matches(u: Unit, { kind, q, status }: Filters): boolean {
  if (kind && u.kind !== kind) return false;
  if (status && u.is_active !== (status === 'active')) return false;
  return !q || u.name.includes(q) || u.code.includes(q.toLowerCase());
}

/** The tree in reading order: each district followed by its parks. */
function flatten(nodes: UnitNode[]): UnitNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children ?? [])]);
}

const StatusTag = ({ active }: { active: boolean }) => (active ? <Tag color="green">启用</Tag> : <Tag>已停用</Tag>);

/** 单位管理: every unit (a few dozen) as a tree, parks under their district, filtered in place. */
export default function UnitsPage() {
  const phone = useIsPhone();
  const enums = useEnums();
  const all = useAllUnits();
  const { filters, setFilters } = useUrlFilters(SPEC);
  const [editing, setEditing] = useState<Unit | undefined>();
  const [formOpen, setFormOpen] = useState(false);

  const names = useMemo(() => new Map((all.data ?? []).map((u) => [u.id, u.name])), [all.data]);
  const kindOrder = useMemo(() => (enums.data?.unit_kinds ?? []).map((k) => k.value), [enums.data]);
  const tree = useMemo(
    () => unitForest((all.data ?? []).filter((u) => matches(u, filters)), kindOrder),
    [all.data, filters, kindOrder],
  );
  const kindLabel = (kind: string) => labelOf(enums.data?.unit_kinds, kind);
  const parentName = (id: string | null) => (id ? (names.get(id) ?? '—') : '—');
  const edit = (u?: Unit) => {
    setEditing(u);
    setFormOpen(true);
  };

  const columns: ColumnsType<UnitNode> = [
    { title: '名称', key: 'name', dataIndex: 'name', render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
    { title: '编码', key: 'code', dataIndex: 'code', render: (code: string) => <span className="mono">{code}</span> },
    { title: '类型', dataIndex: 'kind', render: kindLabel },
    { title: '上级单位', dataIndex: 'parent_id', render: parentName },
    { title: '状态', dataIndex: 'is_active', render: (active: boolean) => <StatusTag active={active} /> },
    { title: '更新时间', dataIndex: 'updated_at', className: 'nowrap', render: (v: string) => formatDateTime(v) },
    { title: '操作', key: 'actions', width: 140, render: (_, u) => <UnitActions unit={u} onEdit={edit} /> },
  ];

  const filtered = !!(filters.kind || filters.q || filters.status);

  return (
    <>
      <PageHeader
        title="单位管理"
        subtitle="市商务局、县市区（含下属园区）、职能部门等单位"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => edit(undefined)}>
            新建单位
          </Button>
        }
      />
      <Card
        size={phone ? 'small' : undefined}
        title={filtered ? '符合条件的单位' : '全部单位'}
        extra={<Typography.Text type="secondary">{`共 ${filtered ? flatten(tree).length : (all.data?.length ?? 0)} 个`}</Typography.Text>}
      >
        <SearchForm testId="unit-filters" filters={filters} onSearch={setFilters}>
          <Form.Item name="q" label="关键词">
            <Input placeholder="搜索名称或编码" allowClear />
          </Form.Item>
          <Form.Item name="kind" label="单位类型">
            <Select placeholder="全部类型" allowClear options={toSelectOptions(enums.data?.unit_kinds)} aria-label="单位类型" />
          </Form.Item>
          <Form.Item name="status" label="状态">
            <Select placeholder="全部状态" allowClear options={STATUS_OPTIONS} />
          </Form.Item>
        </SearchForm>
        {all.error ? <QueryError error={all.error} onRetry={() => all.refetch()} /> : null}
        {phone ? (
          <ListCards<UnitNode>
            items={flatten(tree)}
            loading={all.isLoading}
            testId="units-table"
            emptyText="没有符合条件的单位"
            card={(u) => ({
              code: u.code,
              title: u.name,
              status: <StatusTag active={u.is_active} />,
              muted: !u.is_active,
              facts: [
                { label: '类型', value: kindLabel(u.kind) },
                { label: '上级单位', value: parentName(u.parent_id) },
              ],
              actions: <UnitActions unit={u} onEdit={edit} />,
            })}
          />
        ) : (
          <Table<UnitNode>
            // Remounted when the filters change so the matches show expanded.
            key={JSON.stringify(filters) + String(all.isSuccess)}
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={tree}
            loading={all.isLoading}
            pagination={false}
            expandable={{ defaultExpandAllRows: true }}
            locale={{ emptyText: '没有符合条件的单位' }}
            data-testid="units-table"
          />
        )}
      </Card>
      <UnitFormModal open={formOpen} unit={editing} onClose={() => setFormOpen(false)} />
    </>
  );
}
