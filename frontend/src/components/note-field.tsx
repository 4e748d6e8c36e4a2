import { Form, Input } from 'antd';

/** The note a state change carries (a reason, a result, a comment): required or optional, at
 * least two characters once written, at most 2,000 as the API takes it. */
export function NoteField({
  label = '说明',
  required,
  placeholder,
  rows = 3,
  showCount,
}: {
  label?: string;
  required?: boolean;
  placeholder: string;
  rows?: number;
  showCount?: boolean;
}) {
  return (
    <Form.Item
      label={label}
      name="note"
      rules={
        required
          ? [
              { required: true, whitespace: true, message: `请填写${label}` },
              { min: 2, message: `${label}至少 2 个字` },
            ]
          : [{ min: 2, message: '说明至少 2 个字' }]
      }
    >
      <Input.TextArea rows={rows} maxLength={2000} showCount={showCount} placeholder={placeholder} />
    </Form.Item>
  );
}
