import { Checkbox, Form, Input } from 'antd';
import { FormModal } from '@/components/form-modal';
import { useCreateEndpoint, useEventTypes, type EndpointCreated } from '../api/webhooks';

interface Values {
  url: string;
  description?: string;
  event_types: string[];
}

interface Props {
  client: { id: string; name: string; scopes: string[] };
  onClose: () => void;
  onCreated: (endpoint: EndpointCreated) => void;
}

/** 登记推送地址: the URL and the event types, only those the client's scopes allow. */
export function EndpointFormModal({ client, onClose, onCreated }: Props) {
  const types = useEventTypes();
  const create = useCreateEndpoint();
  const allowed = (types.data ?? []).filter((t) => client.scopes.includes(t.scope));
  return (
    <FormModal<Values>
      open
      title={`登记推送地址：${client.name}`}
      okText="登记"
      width={640}
      name="endpoint-form"
      onClose={onClose}
      onSubmit={async (values) => {
        onCreated(
          await create.mutateAsync({
            api_client_id: client.id,
            url: values.url.trim(),
            description: values.description?.trim() ?? '',
            event_types: values.event_types as EndpointCreated['event_types'],
          }),
        );
      }}
    >
      <Form.Item
        label="接收地址"
        name="url"
        extra="对接系统接收消息的 http(s) 地址，收到后 10 秒内返回 2xx 即为送达"
        rules={[
          { required: true, whitespace: true, message: '请输入接收地址' },
          { pattern: /^https?:\/\/\S+$/, message: '须为 http:// 或 https:// 开头的地址' },
        ]}
      >
        <Input placeholder="https://" inputMode="url" />
      </Form.Item>
      <Form.Item label="说明" name="description">
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item
        label="订阅的事件"
        name="event_types"
        extra="只列出该客户端授权范围内可以读取的对象的事件"
        rules={[{ required: true, message: '请至少选择一种事件' }]}
      >
        <Checkbox.Group
          style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))', gap: 8 }}
          options={allowed.map((t) => ({ value: t.type, label: t.label }))}
        />
      </Form.Item>
    </FormModal>
  );
}
