import { Alert, App, DatePicker, Form, Input, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { FormModal } from '@/components/form-modal';
import { usePutOverride, type Override } from '../api/calendar';

interface Values {
  day: Dayjs;
  is_working_day: boolean;
  name: string;
}

const KIND_OPTIONS = [
  { value: false, label: '放假' },
  { value: true, label: '调休上班' },
];

/** Add or edit one day: 放假 (a holiday) or 调休上班 (a make-up working day). */
export function OverrideModal({
  editing,
  existing,
  defaultYear,
  onClose,
}: {
  editing?: Override;
  /** Days that already have an override (adding one of them edits it). */
  existing: Set<string>;
  defaultYear: number;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const put = usePutOverride();
  const day = Form.useWatch('day', form);
  const replaces = !editing && day && existing.has(day.format('YYYY-MM-DD'));

  const onSubmit = async (v: Values) => {
    const date = v.day.format('YYYY-MM-DD');
    await put.mutateAsync({ day: date, body: { is_working_day: v.is_working_day, name: v.name.trim() } });
    message.success(`已保存 ${date}（${v.is_working_day ? '调休上班' : '放假'}）`);
    onClose();
  };

  const thisYear = dayjs().year();
  const initialDay = editing
    ? dayjs(editing.day)
    : defaultYear === thisYear
      ? dayjs()
      : dayjs(`${defaultYear}-01-01`);

  return (
    <FormModal<Values>
      title={editing ? `编辑节假日调整：${editing.day}` : '新增节假日调整'}
      okText="保存"
      onClose={onClose}
      form={form}
      name="calendar-override-form"
      initialValues={{
        day: initialDay,
        is_working_day: editing?.is_working_day ?? false,
        name: editing?.name ?? '',
      }}
      onSubmit={onSubmit}
    >
      <Form.Item
        label="日期"
        name="day"
        rules={[{ required: true, message: '请选择日期' }]}
        extra={day ? `${day.format('YYYY年M月D日')} ${day.format('dddd')}` : undefined}
      >
        <DatePicker disabled={!!editing} style={{ width: 200 }} />
      </Form.Item>
      {replaces ? (
        <Alert type="info" showIcon title="该日期已有调整记录，保存后将覆盖原记录" style={{ marginBottom: 16 }} />
      ) : null}
      <Form.Item label="类型" name="is_working_day" rules={[{ required: true, message: '请选择类型' }]}>
        <Radio.Group optionType="button" buttonStyle="solid" options={KIND_OPTIONS} />
      </Form.Item>
      <Form.Item
        label="名称"
        name="name"
        rules={[
          { required: true, whitespace: true, message: '请填写名称，如 元旦、春节调休' },
          { max: 40, message: '名称不超过 40 个字' },
        ]}
      >
        <Input maxLength={40} placeholder="如 元旦、春节、国庆节调休" />
      </Form.Item>
    </FormModal>
  );
}
