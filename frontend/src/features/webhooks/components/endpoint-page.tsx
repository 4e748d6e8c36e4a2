import { App, Button, Descriptions, Flex, Popconfirm, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { DetailHeader } from '@/components/detail-header';
import { QueryBoundary } from '@/components/query-boundary';
import { labelOf, useEnums } from '@/lib/api/meta';
import { formatDateTime } from '@/lib/format';
import { useApiError } from '@/lib/use-api-error';
import { useApiClient } from '@/features/api-clients/api/api-clients';
import {
  useDeleteEndpoint,
  useEndpoint,
  useRotateSecret,
  useUpdateEndpoint,
  type Endpoint,
  type ShownSecret,
} from '../api/webhooks';
import { DeliveriesCard } from './deliveries-card';
import { EndpointStateTag } from './endpoint-state-tag';
import { EndpointSecretModal } from './secret-modal';

function Actions({ endpoint, onSecret }: { endpoint: Endpoint; onSecret: (s: ShownSecret) => void }) {
  const { message } = App.useApp();
  const showError = useApiError();
  const navigate = useNavigate();
  const update = useUpdateEndpoint(endpoint);
  const remove = useDeleteEndpoint(endpoint);
  const rotate = useRotateSecret(endpoint.id);
  const run = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
      message.success(done);
    } catch (err) {
      showError(err);
    }
  };
  return (
    <Space wrap>
      {endpoint.is_active ? (
        <Popconfirm
          title="停用推送地址"
          description="停用期间不再为它生成消息，重新启用后从那时起继续推送。"
          okText="停用"
          cancelText="取消"
          onConfirm={() => run(() => update.mutateAsync({ is_active: false }), '已停用')}
        >
          <Button>停用</Button>
        </Popconfirm>
      ) : (
        <Button type="primary" onClick={() => run(() => update.mutateAsync({ is_active: true }), '已重新启用')}>
          重新启用
        </Button>
      )}
      <Popconfirm
        title="轮换签名密钥"
        description="生成新密钥；旧密钥继续同时签名 24 小时，供对接方切换。"
        okText="轮换"
        cancelText="取消"
        onConfirm={() =>
          run(async () => {
            const rotated = await rotate.mutateAsync();
            onSecret({ url: endpoint.url, secret: rotated.secret, previousUntil: rotated.previous_secret_expires_at });
          }, '已轮换密钥')
        }
      >
        <Button>轮换密钥</Button>
      </Popconfirm>
      <Popconfirm
        title="删除推送地址"
        description="删除后不再推送，推送记录一并删除。"
        okText="删除"
        okButtonProps={{ danger: true }}
        cancelText="取消"
        onConfirm={() =>
          run(async () => {
            await remove.mutateAsync();
            void navigate(`/admin/api-clients/${endpoint.api_client_id}`);
          }, '已删除')
        }
      >
        <Button danger>删除</Button>
      </Popconfirm>
    </Space>
  );
}

/** 推送地址: where it posts, what it is subscribed to, how it is doing, and its deliveries. */
export default function EndpointPage() {
  const { endpointId = '' } = useParams();
  const query = useEndpoint(endpointId);
  const client = useApiClient(query.data?.api_client_id);
  const enums = useEnums();
  const [shown, setShown] = useState<ShownSecret | null>(null);
  return (
    <QueryBoundary
      query={query}
      fallback={<Skeleton active />}
      notFound={{
        title: '推送地址不存在或已删除',
        subTitle: '它可能已被删除，或不属于您可以管理的客户端。',
        backTo: '/admin/api-clients',
        backLabel: '返回接口客户端',
      }}
    >
      {(endpoint) => (
        <Flex vertical gap={16}>
          <DetailHeader
            back={
              client.data
                ? { to: `/admin/api-clients/${client.data.id}`, label: client.data.name }
                : { to: '/admin/api-clients', label: '接口客户端' }
            }
            code="推送地址"
            title={<span style={{ wordBreak: 'break-all' }}>{endpoint.url}</span>}
            crumb={endpoint.url}
            marks={<EndpointStateTag endpoint={endpoint} />}
            subtitle={endpoint.description || undefined}
            actions={<Actions endpoint={endpoint} onSecret={setShown} />}
            testIds={{ title: 'endpoint-url', marks: 'endpoint-state' }}
          >
            <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginTop: 12 }}>
              <Descriptions.Item label="所属客户端">
                {client.data ? <Link to={`/admin/api-clients/${client.data.id}`}>{client.data.name}</Link> : '—'}
              </Descriptions.Item>
              <Descriptions.Item label="登记时间">{formatDateTime(endpoint.created_at)}</Descriptions.Item>
              {endpoint.failing_since ? (
                <Descriptions.Item label="连续失败自">
                  <Typography.Text type="danger">{formatDateTime(endpoint.failing_since)}</Typography.Text>
                </Descriptions.Item>
              ) : null}
              {endpoint.disabled_at ? (
                <Descriptions.Item label="停用">
                  {formatDateTime(endpoint.disabled_at)} {endpoint.disabled_reason}
                </Descriptions.Item>
              ) : null}
              {endpoint.previous_secret_expires_at ? (
                <Descriptions.Item label="旧密钥签名至">{formatDateTime(endpoint.previous_secret_expires_at)}</Descriptions.Item>
              ) : null}
              <Descriptions.Item label="订阅的事件" span={2}>
                {endpoint.event_types.map((t) => (
                  <Tag key={t} style={{ marginBottom: 4 }}>
                    {labelOf(enums.data?.webhook_event_types, t)}
                  </Tag>
                ))}
              </Descriptions.Item>
            </Descriptions>
          </DetailHeader>
          <DeliveriesCard endpointId={endpoint.id} />
          <EndpointSecretModal shown={shown} onClose={() => setShown(null)} />
        </Flex>
      )}
    </QueryBoundary>
  );
}
