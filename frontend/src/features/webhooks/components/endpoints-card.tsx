import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router';
import { ListTable } from '@/components/list-table';
import { formatDateTime } from '@/lib/format';
import { useEndpoints, type Endpoint, type ShownSecret } from '../api/webhooks';
import { EndpointFormModal } from './endpoint-form-modal';
import { EndpointStateTag } from './endpoint-state-tag';
import { EndpointSecretModal } from './secret-modal';

/** A partner client's webhook endpoints, and 登记推送地址 while the client is active. */
export function EndpointsCard({ client }: { client: { id: string; name: string; scopes: string[]; is_active: boolean } }) {
  const list = useEndpoints(client.id);
  const [adding, setAdding] = useState(false);
  const [shown, setShown] = useState<ShownSecret | null>(null);
  const url = (e: Endpoint) => (
    <Link to={`/webhook-endpoints/${e.id}`} className="mono" style={{ wordBreak: 'break-all' }}>
      {e.url}
    </Link>
  );
  const columns: ColumnsType<Endpoint> = [
    { title: '接收地址', dataIndex: 'url', render: (_, e) => url(e) },
    { title: '订阅事件', dataIndex: 'event_types', render: (types: string[]) => <Tag>{types.length} 种</Tag> },
    { title: '状态', key: 'state', render: (_, e) => <EndpointStateTag endpoint={e} /> },
    { title: '登记时间', dataIndex: 'created_at', className: 'nowrap', render: (v: string) => formatDateTime(v) },
  ];
  return (
    <Card
      title="推送地址"
      extra={
        client.is_active ? (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            登记推送地址
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">
        对接系统在这些地址接收所订阅的事件，每条消息带签名，失败按指数退避重试一天；连续失败一天的地址自动停用。
      </Typography.Paragraph>
      <ListTable<Endpoint>
        list={list}
        columns={columns}
        footerWhenMore
        data-testid="endpoints-table"
        locale={{ emptyText: '尚未登记推送地址' }}
        card={(e) => ({
          title: url(e),
          status: <EndpointStateTag endpoint={e} />,
          facts: [
            { label: '订阅事件', value: `${e.event_types.length} 种` },
            { label: '登记时间', value: formatDateTime(e.created_at) },
          ],
        })}
      />
      {adding ? (
        <EndpointFormModal
          client={client}
          onClose={() => setAdding(false)}
          onCreated={(created) => {
            setAdding(false);
            setShown({ url: created.url, secret: created.secret });
          }}
        />
      ) : null}
      <EndpointSecretModal shown={shown} onClose={() => setShown(null)} />
    </Card>
  );
}
