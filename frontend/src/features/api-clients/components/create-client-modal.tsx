import { Checkbox, Form, Input } from 'antd';
import { FormModal } from '@/components/form-modal';
import { UnitSelect } from '@/components/unit-select';
import { useEnums } from '@/lib/api/meta';
import { useCreateApiClient, type ApiClientCreated } from '../api/api-clients';

interface Values {
  name: string;
  unit_id: string;
  scopes: string[];
}

interface Props {
  open: boolean;
  onClose: () => void;
  onCreated: (client: ApiClientCreated) => void;
}

export function CreateClientModal({ open, onClose, onCreated }: Props) {
  const enums = useEnums();
  const create = useCreateApiClient();

  const onSubmit = async (values: Values) => {
    const created = await create.mutateAsync({ name: values.name.trim(), unit_id: values.unit_id, scopes: values.scopes });
    onCreated(created);
  };

  return (
    <FormModal<Values>
      open={open}
      title="新建接口客户端"
      okText="创建"
      width={600}
      onClose={onClose}
      name="api-client-form"
      onSubmit={onSubmit}
    >
      <Form.Item
        label="客户端名称"
        name="name"
        extra="对接系统的名称，如“湘潭市发改委项目平台”"
        rules={[{ required: true, whitespace: true, message: '请输入客户端名称' }]}
      >
        <Input />
      </Form.Item>
      <Form.Item
        label="所属单位"
        name="unit_id"
        extra="客户端只能访问该单位范围内的数据"
        rules={[{ required: true, message: '请选择所属单位' }]}
      >
        <UnitSelect allowClear={false} />
      </Form.Item>
      <Form.Item label="授权范围" name="scopes" rules={[{ required: true, message: '请至少选择一项授权范围' }]}>
        <Checkbox.Group
          style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8 }}
          options={(enums.data?.scopes ?? []).map((s) => ({ value: s.value, label: `${s.label}（${s.value}）` }))}
        />
      </Form.Item>
    </FormModal>
  );
}
