import { App, Form, Input, InputNumber, type FormInstance } from 'antd';
import { FormModal } from '@/components/form-modal';
import type { DictionaryItem, DictionaryKind } from '@/lib/api/dictionaries';
import { ApiError } from '@/lib/api/problem';
import { useApiError } from '@/lib/use-api-error';
import { useCreateDictionaryItem, useUpdateDictionaryItem } from '../api/dictionaries';

interface ItemFormValues {
  code: string;
  label: string;
  sort_order: number;
}

const CODE_PATTERN = /^[a-z0-9][a-z0-9_-]{0,39}$/;

interface DictionaryItemModalProps {
  kind: DictionaryKind;
  kindLabel: string;
  /** The entry to edit; undefined adds one. */
  item?: DictionaryItem;
  /** The dictionary's entries, to refuse a code it already holds before asking the server. */
  items: DictionaryItem[];
  onClose: () => void;
}

/** 新增 / 编辑 a dictionary entry: the code only when adding (records refer to it), the name
 * and the order always. Mounted per opening. */
export function DictionaryItemModal({ kind, kindLabel, item, items, onClose }: DictionaryItemModalProps) {
  const { message } = App.useApp();
  const showError = useApiError();
  const create = useCreateDictionaryItem();
  const update = useUpdateDictionaryItem();
  const nextOrder = items.length ? Math.min(10_000, Math.max(...items.map((i) => i.sort_order)) + 10) : 0;

  const onSubmit = async (v: ItemFormValues) => {
    const label = v.label.trim();
    if (item) {
      await update.mutateAsync({ item, body: { label, sort_order: v.sort_order } });
      message.success(`已保存“${label}”`);
    } else {
      await create.mutateAsync({ kind, code: v.code.trim(), label, sort_order: v.sort_order });
      message.success(`已在${kindLabel}中新增“${label}”`);
    }
    onClose();
  };

  const onError = (err: unknown, form: FormInstance<ItemFormValues>) => {
    if (err instanceof ApiError && err.code === 'dictionary_code_exists') {
      form.setFields([{ name: 'code', errors: [`${kindLabel}中已有此代码`] }]);
      return;
    }
    showError(err, form);
  };

  const codeRule = {
    validator: (_: unknown, value?: string) => {
      const code = value?.trim() ?? '';
      if (!code || item) return Promise.resolve();
      if (!CODE_PATTERN.test(code)) return Promise.reject(new Error('代码只能用小写字母、数字、- 和 _，以字母或数字开头，最多 40 位'));
      const taken = items.find((i) => i.code === code);
      return taken ? Promise.reject(new Error(`${kindLabel}中已有此代码（${taken.label}）`)) : Promise.resolve();
    },
  };

  return (
    <FormModal<ItemFormValues>
      title={item ? `编辑字典项：${item.label}` : `新增${kindLabel}`}
      okText={item ? '保存' : '新增'}
      onClose={onClose}
      name="dictionary-item-form"
      initialValues={item ? { code: item.code, label: item.label, sort_order: item.sort_order } : { sort_order: nextOrder }}
      onSubmit={onSubmit}
      onError={onError}
    >
      <Form.Item
        label="代码"
        name="code"
        extra={item ? '代码创建后不可修改（已有记录按代码引用）' : '小写字母、数字、- 和 _，如 hydrogen；创建后不可修改'}
        rules={[{ required: true, whitespace: true, message: '请输入代码' }, codeRule]}
      >
        <Input disabled={!!item} maxLength={40} autoComplete="off" />
      </Form.Item>
      <Form.Item label="名称" name="label" rules={[{ required: true, whitespace: true, message: '请输入名称' }]}>
        <Input maxLength={60} showCount autoComplete="off" />
      </Form.Item>
      <Form.Item label="排序" name="sort_order" extra="数字小的排在前面" rules={[{ required: true, message: '请输入排序号' }]}>
        <InputNumber min={0} max={10_000} precision={0} style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}
