import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router';
import { ListTable } from '@/components/list-table';
import { PageHeader } from '@/components/page-header';
import { useUnitNames } from '@/components/unit-select';
import { labelOf, useEnums } from '@/lib/api/meta';
import { formatDateTime } from '@/lib/format';
import { useApiError } from '@/lib/use-api-error';
import { useApiClients, useRevokeApiClient, type ApiClient, type ApiClientCreated } from '../api/api-clients';
import { CreateClientModal } from './create-client-modal';
import { SecretModal } from './secret-modal';

export default function ApiClientsPage() {
  const enums = useEnums();
  const unitNames = useUnitNames();
  const { message } = App.useApp();
  const showError = useApiError();
  const list = useApiClients();
  const revoke = useRevokeApiClient();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<ApiClientCreated | null>(null);

  const onRevoke = async (client: ApiClient) => {
    try {
      await revoke.mutateAsync(client.id);
      message.success(`已吊销“${client.name}”`);
    } catch (err) {
      showError(err);
    }
  };

  const actions = (c: ApiClient) =>
    c.is_active ? (
      <Popconfirm
        title="吊销客户端"
        description={`吊销后“${c.name}”将立即无法调用接口，且不可恢复。确定吊销？`}
        okText="吊销"
        okButtonProps={{ danger: true }}
        cancelText="取消"
        onConfirm={() => onRevoke(c)}
      >
        <Button type="link" size="small" danger>
          吊销
        </Button>
      </Popconfirm>
    ) : null;
  const statusTag = (c: ApiClient) =>
    c.is_active ? <Tag color="green">有效</Tag> : <Tag color="red">已吊销 {formatDateTime(c.revoked_at)}</Tag>;
  const scopeTags = (scopes: string[]) =>
    scopes.map((s) => (
      <Tag key={s} style={{ marginBottom: 4 }}>
        {labelOf(enums.data?.scopes, s)}
      </Tag>
    ));

  const columns: ColumnsType<ApiClient> = [
    {
      title: '名称',
      dataIndex: 'name',
      render: (name: string, c) => (
        <Link to={`/admin/api-clients/${c.id}`}>
          <Typography.Text strong>{name}</Typography.Text>
        </Link>
      ),
    },
    {
      title: '客户端 ID',
      dataIndex: 'client_id',
      render: (id: string) => (
        <Typography.Text className="mono" copyable={{ tooltips: ['复制', '已复制'] }}>
          {id}
        </Typography.Text>
      ),
    },
    { title: '所属单位', dataIndex: 'unit_id', render: (id: string) => unitNames.get(id) ?? '—' },
    {
      title: '授权范围',
      dataIndex: 'scopes',
      render: scopeTags,
    },
    {
      title: '状态',
      dataIndex: 'is_active',
      render: (_: boolean, c) => statusTag(c),
    },
    { title: '创建时间', dataIndex: 'created_at', className: 'nowrap', render: (v: string) => formatDateTime(v) },
    {
      title: '最近使用',
      dataIndex: 'last_used_at',
      className: 'nowrap',
      render: (v: string | null) => (v ? formatDateTime(v) : '从未使用'),
    },
    { title: '操作', key: 'actions', width: 100, render: (_, c) => actions(c) },
  ];

  return (
    <>
      <PageHeader
        title="接口客户端"
        subtitle="为对接的政务平台和合作单位系统发放 OAuth2 客户端凭据"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建客户端
          </Button>
        }
      />
      <Card>
        <ListTable<ApiClient>
          list={list}
          columns={columns}
          data-testid="api-clients-table"
          card={(c) => ({
            code: c.client_id,
            title: <Link to={`/admin/api-clients/${c.id}`}>{c.name}</Link>,
            status: statusTag(c),
            muted: !c.is_active,
            facts: [
              { label: '所属单位', value: unitNames.get(c.unit_id) ?? '—' },
              { label: '创建时间', value: <span className="nowrap">{formatDateTime(c.created_at)}</span> },
              { label: '最近使用', value: c.last_used_at ? formatDateTime(c.last_used_at) : '从未使用' },
              { label: '授权范围', value: scopeTags(c.scopes) },
            ],
            actions: actions(c),
          })}
        />
      </Card>
      <CreateClientModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(client) => {
          setCreating(false);
          setCreated(client);
        }}
      />
      <SecretModal client={created} onClose={() => setCreated(null)} />
    </>
  );
}
