import { App, Button, Card, Modal, Segmented, Spin, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { ListTable } from '@/components/list-table';
import { labelOf, useEnums } from '@/lib/api/meta';
import { formatDateTime } from '@/lib/format';
import { useApiError } from '@/lib/use-api-error';
import { useDeliveries, useDelivery, useRedeliver, type Delivery, type DeliveryState } from '../api/webhooks';

const STATE_COLORS: Record<DeliveryState, string> = { pending: 'blue', delivered: 'green', failed: 'red' };

function StateTag({ state }: { state: DeliveryState }) {
  const enums = useEnums();
  return <Tag color={STATE_COLORS[state]}>{labelOf(enums.data?.webhook_delivery_states, state)}</Tag>;
}

/** One delivery opened: every attempt with its answer, and the message sent. */
function Attempts({ endpointId, delivery }: { endpointId: string; delivery: Delivery }) {
  const detail = useDelivery(endpointId, delivery.id);
  if (!detail.data) return <Spin />;
  return (
    <>
      <Table
        size="small"
        rowKey="attempted_at"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={detail.data.attempt_log}
        columns={[
          { title: '尝试时间', dataIndex: 'attempted_at', className: 'nowrap', render: (v: string) => formatDateTime(v) },
          { title: '状态码', dataIndex: 'status_code', render: (v: number | null) => v ?? '—' },
          { title: '耗时', dataIndex: 'latency_ms', render: (v: number) => `${v} 毫秒` },
          {
            title: '响应或错误',
            key: 'answer',
            render: (_, a) => (
              <Typography.Text type={a.error ? 'danger' : undefined} style={{ wordBreak: 'break-all' }}>
                {a.error ?? a.response_snippet}
              </Typography.Text>
            ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 4 }}>
        消息体（每次尝试相同）
      </Typography.Paragraph>
      <pre className="mono" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', maxHeight: 240, overflow: 'auto', margin: 0 }}>
        {JSON.stringify(detail.data.payload, null, 2)}
      </pre>
    </>
  );
}

/** 推送记录: an endpoint's deliveries, newest first; failed ones can be sent again. */
export function DeliveriesCard({ endpointId }: { endpointId: string }) {
  const enums = useEnums();
  const { message } = App.useApp();
  const showError = useApiError();
  const [state, setState] = useState<DeliveryState | 'all'>('all');
  const list = useDeliveries(endpointId, state === 'all' ? undefined : state);
  const redeliver = useRedeliver(endpointId);
  const [opened, setOpened] = useState<Delivery | null>(null);

  const again = async (d: Delivery) => {
    try {
      await redeliver.mutateAsync(d.id);
      message.success('已重新排队推送');
    } catch (err) {
      showError(err);
    }
  };
  const actions = (d: Delivery) => (
    <>
      <Button type="link" size="small" onClick={() => setOpened(d)}>
        详情
      </Button>
      {d.state !== 'pending' ? (
        <Button type="link" size="small" onClick={() => again(d)} loading={redeliver.isPending && redeliver.variables === d.id}>
          重新推送
        </Button>
      ) : null}
    </>
  );
  const typeLabel = (t: string) => labelOf(enums.data?.webhook_event_types, t);
  const columns: ColumnsType<Delivery> = [
    { title: '事件', dataIndex: 'type', render: typeLabel },
    { title: '状态', dataIndex: 'state', render: (s: DeliveryState) => <StateTag state={s} /> },
    { title: '尝试', dataIndex: 'attempts', render: (n: number, d) => `${n} 次${d.last_status ? `（${d.last_status}）` : ''}` },
    { title: '生成时间', dataIndex: 'created_at', className: 'nowrap', render: (v: string) => formatDateTime(v) },
    {
      title: '送达或下次尝试',
      key: 'when',
      className: 'nowrap',
      render: (_, d) =>
        d.state === 'delivered' ? formatDateTime(d.delivered_at) : d.state === 'pending' ? formatDateTime(d.next_attempt_at) : '—',
    },
    { title: '操作', key: 'actions', render: (_, d) => actions(d) },
  ];
  return (
    <Card
      title="推送记录"
      extra={
        <Segmented
          value={state}
          onChange={(v) => setState(v as DeliveryState | 'all')}
          options={[
            { value: 'all', label: '全部' },
            ...(enums.data?.webhook_delivery_states ?? []).map((s) => ({ value: s.value, label: s.label })),
          ]}
        />
      }
    >
      <ListTable<Delivery>
        list={list}
        columns={columns}
        data-testid="deliveries-table"
        locale={{ emptyText: state === 'failed' ? '没有送达失败的推送' : '还没有推送' }}
        card={(d) => ({
          code: d.message_id,
          title: typeLabel(d.type),
          status: <StateTag state={d.state} />,
          facts: [
            { label: '尝试', value: `${d.attempts} 次` },
            { label: '生成时间', value: formatDateTime(d.created_at) },
          ],
          actions: actions(d),
        })}
      />
      <Modal
        open={!!opened}
        title={opened ? `推送详情：${typeLabel(opened.type)}` : ''}
        onCancel={() => setOpened(null)}
        footer={null}
        width={760}
        destroyOnHidden
      >
        {opened ? (
          <>
            <Typography.Paragraph type="secondary" className="mono" style={{ wordBreak: 'break-all' }}>
              webhook-id：{opened.message_id}
            </Typography.Paragraph>
            <Attempts endpointId={endpointId} delivery={opened} />
          </>
        ) : null}
      </Modal>
    </Card>
  );
}
