import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Segmented, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ListCards } from '@/components/list-cards';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { useDictionary, type DictionaryItem, type DictionaryKind } from '@/lib/api/dictionaries';
import { labelOf, useEnums } from '@/lib/api/meta';
import { useApiError } from '@/lib/use-api-error';
import { useIsPhone } from '@/lib/use-phone';
import { useUpdateDictionaryItem } from '../api/dictionaries';
import { DictionaryItemActions } from './dictionary-item-actions';
import { DictionaryItemModal } from './dictionary-item-modal';

const StatusTag = ({ active }: { active: boolean }) => (active ? <Tag color="green">启用</Tag> : <Tag>已停用</Tag>);

/** 字典管理: pick a dictionary (产业链, 招商渠道, 服务事项类别), keep its entries. */
export default function DictionariesPage() {
  const phone = useIsPhone();
  const enums = useEnums();
  const { message } = App.useApp();
  const showError = useApiError();
  const [params, setParams] = useSearchParams();
  const kinds = enums.data?.dictionary_kinds ?? [];
  const kind = (kinds.find((k) => k.value === params.get('kind'))?.value ?? kinds[0]?.value ?? 'industry_chain') as DictionaryKind;
  const kindLabel = labelOf(kinds, kind);
  const dictionary = useDictionary(kind);
  const items = dictionary.items;
  const update = useUpdateDictionaryItem();
  const [moving, setMoving] = useState(false);
  // undefined: closed; null: adding; an item: editing it.
  const [editing, setEditing] = useState<DictionaryItem | null | undefined>();

  const toggle = async (item: DictionaryItem) => {
    try {
      await update.mutateAsync({ item, body: { is_active: !item.is_active } });
      message.success(item.is_active ? `已停用“${item.label}”` : `已启用“${item.label}”`);
    } catch (err) {
      showError(err);
    }
  };

  // Moving renumbers the list 0, 10, 20 … in its new order and saves the entries whose number changed.
  const move = async (index: number, by: -1 | 1) => {
    const order = [...items];
    [order[index], order[index + by]] = [order[index + by], order[index]];
    setMoving(true);
    try {
      for (const [i, item] of order.entries()) {
        if (item.sort_order !== i * 10) await update.mutateAsync({ item, body: { sort_order: i * 10 } });
      }
      message.success(`已${by < 0 ? '上移' : '下移'}“${items[index].label}”`);
    } catch (err) {
      showError(err);
    } finally {
      setMoving(false);
    }
  };

  const actions = (item: DictionaryItem, index: number) => (
    <DictionaryItemActions
      item={item}
      first={index === 0}
      last={index === items.length - 1}
      busy={moving}
      onEdit={() => setEditing(item)}
      onMove={(by) => void move(index, by)}
      onToggle={() => toggle(item)}
    />
  );

  const columns: ColumnsType<DictionaryItem> = [
    { title: '排序', dataIndex: 'sort_order', width: 80 },
    { title: '代码', dataIndex: 'code', width: 200, render: (code: string) => <span className="mono">{code}</span> },
    {
      title: '名称',
      dataIndex: 'label',
      render: (label: string, i) => (
        <Typography.Text strong type={i.is_active ? undefined : 'secondary'}>
          {label}
        </Typography.Text>
      ),
    },
    { title: '状态', dataIndex: 'is_active', width: 100, render: (active: boolean) => <StatusTag active={active} /> },
    { title: '操作', key: 'actions', width: 240, render: (_, item, index) => actions(item, index) },
  ];

  const kindOptions = kinds.map((k) => ({ value: k.value, label: k.label }));
  const pickKind = (value: string) => setParams({ kind: value }, { replace: true });
  const inactive = items.filter((i) => !i.is_active).length;

  return (
    <>
      <PageHeader
        title="字典管理"
        subtitle="产业链、招商渠道、服务事项类别等代码表；停用的项不再出现在新填的表单中，已选用它的记录照常显示"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
            新增字典项
          </Button>
        }
      />
      <Card size={phone ? 'small' : undefined}>
        <Flex gap={12} wrap align="center" justify="space-between" style={{ marginBottom: 16 }}>
          {phone ? (
            <Select value={kind} options={kindOptions} onChange={pickKind} style={{ width: '100%' }} aria-label="字典" data-testid="dictionary-kind" />
          ) : (
            <Segmented value={kind} options={kindOptions} onChange={(v) => pickKind(String(v))} data-testid="dictionary-kind" />
          )}
          <Typography.Text type="secondary">
            共 {items.length} 项{inactive ? `，其中停用 ${inactive} 项` : ''}
          </Typography.Text>
        </Flex>
        {dictionary.error ? <QueryError error={dictionary.error} onRetry={() => dictionary.refetch()} /> : null}
        {phone ? (
          <ListCards<DictionaryItem>
            items={items}
            loading={dictionary.isLoading}
            testId="dictionary-items"
            emptyText={`${kindLabel}中还没有字典项`}
            card={(item) => ({
              code: `${item.code} · 排序 ${item.sort_order}`,
              title: item.label,
              status: <StatusTag active={item.is_active} />,
              muted: !item.is_active,
              actions: actions(item, items.indexOf(item)),
            })}
          />
        ) : (
          <Table<DictionaryItem>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={items}
            loading={dictionary.isLoading}
            pagination={false}
            locale={{ emptyText: `${kindLabel}中还没有字典项` }}
            data-testid="dictionary-items"
          />
        )}
      </Card>
      {editing !== undefined ? (
        <DictionaryItemModal kind={kind} kindLabel={kindLabel} item={editing ?? undefined} items={items} onClose={() => setEditing(undefined)} />
      ) : null}
    </>
  );
}
