import { App, Form, Input, Select } from 'antd';
import { FormModal } from '@/components/form-modal';
import { UnitSelect } from '@/components/unit-select';
import { toSelectOptions, useEnums } from '@/lib/api/meta';
import type { UnitKind } from '@/lib/api/types';
import { useCreateUnit, useUpdateUnit, type Unit } from '../api/units';

interface UnitFormValues {
  code: string;
  name: string;
  kind: UnitKind;
  parent_id?: string | null;
}

/** Parks may sit under a district (e.g. 岳塘经开区 under 岳塘区). */
const KINDS_WITH_PARENT: UnitKind[] = ['park'];

export function UnitFormModal({ open, unit, onClose }: { open: boolean; unit?: Unit; onClose: () => void }) {
  const [form] = Form.useForm<UnitFormValues>();
  const { message } = App.useApp();
  const enums = useEnums();
  const create = useCreateUnit();
  const update = useUpdateUnit();
  const kind = Form.useWatch('kind', form);
  const editing = !!unit;

  const onSubmit = async (values: UnitFormValues) => {
    const parent_id = KINDS_WITH_PARENT.includes(values.kind) ? (values.parent_id ?? null) : null;
    if (unit) {
      await update.mutateAsync({ unit, body: { name: values.name.trim(), kind: values.kind, parent_id } });
      message.success(`已保存单位“${values.name}”`);
    } else {
      await create.mutateAsync({ code: values.code.trim(), name: values.name.trim(), kind: values.kind, parent_id });
      message.success(`已创建单位“${values.name}”`);
    }
    onClose();
  };

  return (
    <FormModal<UnitFormValues>
      open={open}
      title={editing ? `编辑单位：${unit.name}` : '新建单位'}
      okText={editing ? '保存' : '创建'}
      onClose={onClose}
      form={form}
      name="unit-form"
      initialValues={unit ? { code: unit.code, name: unit.name, kind: unit.kind, parent_id: unit.parent_id } : undefined}
      onSubmit={onSubmit}
    >
      <Form.Item
        label="单位编码"
        name="code"
        extra={editing ? '编码创建后不可修改' : '唯一编码，如 XT-YHQ'}
        rules={[{ required: true, whitespace: true, message: '请输入单位编码' }]}
      >
        <Input disabled={editing} />
      </Form.Item>
      <Form.Item label="单位名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入单位名称' }]}>
        <Input />
      </Form.Item>
      <Form.Item label="单位类型" name="kind" rules={[{ required: true, message: '请选择单位类型' }]}>
        <Select placeholder="选择单位类型" options={toSelectOptions(enums.data?.unit_kinds)} />
      </Form.Item>
      {KINDS_WITH_PARENT.includes(kind) && (
        <Form.Item label="所属县市区" name="parent_id" extra="园区可归属某个县市区，可不填">
          <UnitSelect kinds={['district']} placeholder="选择县市区" excludeId={unit?.id} />
        </Form.Item>
      )}
    </FormModal>
  );
}
