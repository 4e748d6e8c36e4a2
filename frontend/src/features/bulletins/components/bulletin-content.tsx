import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Input, Select, Typography } from 'antd';
import { useApiError } from '@/lib/use-api-error';
import { useUpdateBulletin, type Bulletin, type Mention } from '../api/bulletins';

interface MentionForm {
  unit_id?: string;
  reason?: string;
}
interface ContentForm {
  analysis: string;
  praised: MentionForm[];
  criticised: MentionForm[];
}

const toForm = (m: Mention[]): MentionForm[] => m.map(({ unit_id, reason }) => ({ unit_id, reason }));

function MentionList({ name, label, units }: { name: 'praised' | 'criticised'; label: string; units: { value: string; label: string }[] }) {
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <Flex vertical gap={8} data-testid={`${name}-list`}>
          <Typography.Text strong>{label}</Typography.Text>
          {fields.map((field) => (
            <Flex key={field.key} gap={8} wrap align="flex-start">
              <Form.Item name={[field.name, 'unit_id']} rules={[{ required: true, message: '请选择单位' }]} style={{ flex: '1 1 160px', marginBottom: 0 }}>
                <Select options={units} placeholder="单位" showSearch optionFilterProp="label" aria-label={`${label}单位`} />
              </Form.Item>
              <Form.Item
                name={[field.name, 'reason']}
                rules={[{ required: true, whitespace: true, message: '请填写理由' }]}
                style={{ flex: '3 1 240px', marginBottom: 0 }}
              >
                <Input maxLength={200} placeholder="理由" aria-label={`${label}理由`} />
              </Form.Item>
              <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={`删除${label}`} style={{ minWidth: 44 }} />
            </Flex>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ alignSelf: 'flex-start' }}>
            添加{label}单位
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}

/** The coordinator's part of a draft: the analysis, 表扬 and 通报批评, saved together. */
export function ContentEditor({ bulletin }: { bulletin: Bulletin }) {
  const [form] = Form.useForm<ContentForm>();
  const update = useUpdateBulletin();
  const { message } = App.useApp();
  const showError = useApiError();
  const units = bulletin.groups.flatMap((g) => g.rows.map((r) => ({ value: r.unit_id, label: r.unit_name })));
  const onFinish = async (v: ContentForm) => {
    try {
      await update.mutateAsync({
        bulletin,
        body: {
          analysis: v.analysis ?? '',
          praised: (v.praised ?? []).map((m) => ({ unit_id: m.unit_id!, reason: m.reason!.trim() })),
          criticised: (v.criticised ?? []).map((m) => ({ unit_id: m.unit_id!, reason: m.reason!.trim() })),
        },
      });
      message.success('已保存通报内容');
    } catch (err) {
      showError(err, form);
    }
  };
  return (
    <Card title="通报内容">
      <Form<ContentForm>
        form={form}
        name="bulletin-content"
        layout="vertical"
        onFinish={onFinish}
        key={bulletin.version}
        initialValues={{ analysis: bulletin.analysis, praised: toForm(bulletin.praised), criticised: toForm(bulletin.criticised) }}
      >
        <Form.Item name="analysis" label="总体情况分析">
          <Input.TextArea rows={6} maxLength={20000} showCount placeholder="上半年全市招商引资工作总体情况、亮点和存在的问题" />
        </Form.Item>
        <Flex vertical gap={16}>
          <MentionList name="praised" label="表扬" units={units} />
          <MentionList name="criticised" label="通报批评" units={units} />
        </Flex>
        <Flex justify="flex-end" style={{ marginTop: 16 }}>
          <Button type="primary" htmlType="submit" loading={update.isPending}>
            保存通报内容
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}

/** The same, as published (or as others read a draft). */
export function ContentView({ bulletin }: { bulletin: Bulletin }) {
  const lines = bulletin.analysis.split('\n').filter((l) => l.trim());
  return (
    <Card title="通报内容">
      <Typography.Title level={5}>总体情况</Typography.Title>
      {lines.length ? lines.map((l, i) => <Typography.Paragraph key={i}>{l}</Typography.Paragraph>) : <Typography.Paragraph type="secondary">（无）</Typography.Paragraph>}
      {(
        [
          ['表扬', bulletin.praised, 'praised'],
          ['通报批评', bulletin.criticised, 'criticised'],
        ] as const
      ).map(([label, mentions, id]) => (
        <div key={id} data-testid={`${id}-view`}>
          <Typography.Title level={5}>{label}</Typography.Title>
          {mentions.length ? (
            mentions.map((m) => (
              <Typography.Paragraph key={m.unit_id}>
                <Typography.Text strong>{m.unit_name}</Typography.Text>：{m.reason}
              </Typography.Paragraph>
            ))
          ) : (
            <Typography.Paragraph type="secondary">（无）</Typography.Paragraph>
          )}
        </div>
      ))}
    </Card>
  );
}
