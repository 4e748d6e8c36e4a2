import { Checkbox, Form, Input, InputNumber } from 'antd';
import { FormModal } from '@/components/form-modal';
import { useEnums } from '@/lib/api/meta';
import { useUpdateApiClient, type ApiClient } from '../api/api-clients';

interface Values {
  name: string;
  scopes: string[];
  rate_limit_per_minute: number | null;
}

/** 编辑 a partner client: its name, grant (its tokens narrow at once) and its own rate limit. */
export function EditClientModal({ client, onClose }: { client: ApiClient; onClose: () => void }) {
  const enums = useEnums();
  const update = useUpdateApiClient(client);
  return (
    <FormModal<Values>
      title={`编辑：${client.name}`}
      okText="保存"
      width={600}
      name="api-client-edit"
      onClose={onClose}
      initialValues={{ name: client.name, scopes: client.scopes, rate_limit_per_minute: client.rate_limit_per_minute }}
      onSubmit={async (values) => {
        await update.mutateAsync({
          name: values.name.trim(),
          scopes: values.scopes,
          rate_limit_per_minute: values.rate_limit_per_minute ?? null,
        });
        onClose();
      }}
    >
      <Form.Item label="客户端名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入客户端名称' }]}>
        <Input />
      </Form.Item>
      <Form.Item
        label="授权范围"
        name="scopes"
        extra="收窄后，该客户端已持有的令牌立即只剩新的范围"
        rules={[{ required: true, message: '请至少选择一项授权范围' }]}
      >
        <Checkbox.Group
          style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))', gap: 8 }}
          options={(enums.data?.scopes ?? []).map((s) => ({ value: s.value, label: `${s.label}（${s.value}）` }))}
        />
      </Form.Item>
      <Form.Item
        label="每分钟请求数上限"
        name="rate_limit_per_minute"
        extra="也是一次可连续发出的请求数；超出返回 429。留空则使用系统默认值"
      >
        <InputNumber min={1} max={100000} precision={0} style={{ width: 200 }} addonAfter="次/分钟" />
      </Form.Item>
    </FormModal>
  );
}
