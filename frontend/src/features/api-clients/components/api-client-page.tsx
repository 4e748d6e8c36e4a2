import { Button, Descriptions, Flex, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { DetailHeader } from '@/components/detail-header';
import { QueryBoundary } from '@/components/query-boundary';
import { useUnitNames } from '@/components/unit-select';
import { labelOf, useEnums } from '@/lib/api/meta';
import { formatDateTime } from '@/lib/format';
import { EndpointsCard } from '@/features/webhooks/components/endpoints-card';
import { useApiClient } from '../api/api-clients';
import { EditClientModal } from './edit-client-modal';
import { UsageCard } from './usage-card';

/** 接口客户端: the partner system, what it may read, and where it receives events. */
export default function ApiClientPage() {
  const { clientId = '' } = useParams();
  const query = useApiClient(clientId);
  const enums = useEnums();
  const unitNames = useUnitNames();
  const [editing, setEditing] = useState(false);
  return (
    <QueryBoundary
      query={query}
      fallback={<Skeleton active />}
      notFound={{
        title: '接口客户端不存在',
        subTitle: '请从接口客户端列表进入。',
        backTo: '/admin/api-clients',
        backLabel: '返回接口客户端',
      }}
    >
      {(client) => (
        <Flex vertical gap={16}>
          <DetailHeader
            back={{ to: '/admin/api-clients', label: '接口客户端' }}
            code={client.client_id}
            title={client.name}
            marks={client.is_active ? <Tag color="green">有效</Tag> : <Tag color="red">已吊销</Tag>}
            actions={client.is_active ? <Button onClick={() => setEditing(true)}>编辑</Button> : undefined}
            testIds={{ title: 'client-name', code: 'client-id' }}
          >
            <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginTop: 12 }}>
              <Descriptions.Item label="所属单位">{unitNames.get(client.unit_id) ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="创建时间">{formatDateTime(client.created_at)}</Descriptions.Item>
              <Descriptions.Item label="请求上限">
                {client.rate_limit_per_minute ? `${client.rate_limit_per_minute} 次/分钟` : '系统默认'}
              </Descriptions.Item>
              {client.revoked_at ? (
                <Descriptions.Item label="吊销时间">{formatDateTime(client.revoked_at)}</Descriptions.Item>
              ) : null}
              <Descriptions.Item label="授权范围" span={2}>
                {client.scopes.map((s) => (
                  <Tag key={s} style={{ marginBottom: 4 }}>
                    {labelOf(enums.data?.scopes, s)}
                  </Tag>
                ))}
              </Descriptions.Item>
            </Descriptions>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              对接方用客户端 ID 和密钥换取访问令牌；只能读写所属单位的数据。
            </Typography.Paragraph>
          </DetailHeader>
          <UsageCard clientId={client.id} />
          <EndpointsCard client={client} />
          {editing ? <EditClientModal client={client} onClose={() => setEditing(false)} /> : null}
        </Flex>
      )}
    </QueryBoundary>
  );
}
