import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Input, InputNumber, Select, Typography } from 'antd';
import { FormModal } from '@/components/form-modal';
import { useComputations, useUpdateScheme, type Scheme, type SchemeItem, type SchemeItemWrite } from '../api/assessment';
import { KIND_LABEL } from './scheme-card';

interface ItemValues {
  kind: SchemeItem['kind'];
  key?: string | null;
  label: string;
  weight: number;
  points?: number | null;
  criteria?: string;
}

interface Values {
  title: string;
  excellent_min: number;
  good_min: number;
  pass_min: number;
  fund: number;
  individual_percent: number;
  factors: Record<'excellent' | 'good' | 'pass' | 'fail', number>;
  items: ItemValues[];
}

const money = (n: number) => n.toFixed(2);

/** 编辑考核方案: the title, grade thresholds and every item; each item's shape is checked by
 * the server on save (its position named in the error), the 100 points on publishing. */
export function SchemeEditModal({ scheme, onClose }: { scheme: Scheme; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const update = useUpdateScheme();
  const computations = useComputations();
  const { message } = App.useApp();
  const items = Form.useWatch('items', form) ?? [];
  const scored = items
    .filter((i) => i && (i.kind === 'computed' || i.kind === 'manual'))
    .reduce((n, i) => n + (Number(i.weight) || 0), 0);
  const options = (kind: ItemValues['kind']) =>
    (computations.data ?? [])
      .filter((c) => c.unit_group === scheme.unit_group && c.kind === (kind === 'deduction' ? 'deduction' : 'computed'))
      .map((c) => ({ value: c.key, label: c.label }));
  return (
    <FormModal<Values>
      title={`编辑${scheme.title}`}
      okText="保存"
      name="scheme-edit"
      width={860}
      form={form}
      onClose={onClose}
      initialValues={{
        title: scheme.title,
        excellent_min: Number(scheme.excellent_min),
        good_min: Number(scheme.good_min),
        pass_min: Number(scheme.pass_min),
        fund: scheme.reward.fund,
        individual_percent: scheme.reward.individual_percent,
        factors: {
          excellent: Number(scheme.reward.factors.excellent),
          good: Number(scheme.reward.factors.good),
          pass: Number(scheme.reward.factors.pass),
          fail: Number(scheme.reward.factors.fail),
        },
        items: scheme.items.map((i) => ({
          kind: i.kind,
          key: i.key,
          label: i.label,
          weight: Number(i.weight),
          points: i.points == null ? null : Number(i.points),
          criteria: i.criteria,
        })),
      }}
      onSubmit={async (v) => {
        const body = {
          title: v.title,
          grades: { excellent_min: money(v.excellent_min), good_min: money(v.good_min), pass_min: money(v.pass_min) },
          reward: {
            fund: v.fund,
            individual_percent: v.individual_percent,
            factors: {
              excellent: money(v.factors.excellent),
              good: money(v.factors.good),
              pass: money(v.factors.pass),
              fail: money(v.factors.fail),
            },
          },
          items: v.items.map(
            (i): SchemeItemWrite => ({
              kind: i.kind,
              key: i.kind === 'manual' || i.kind === 'bonus' ? null : i.key || null,
              label: i.label,
              weight: money(i.weight),
              points: i.kind === 'deduction' && i.key && i.points != null ? money(i.points) : null,
              criteria: i.criteria ?? '',
            }),
          ),
        };
        await update.mutateAsync({ scheme, body });
        message.success('考核方案已保存');
        onClose();
      }}
      header={
        <Typography.Paragraph type={scored === 100 ? 'secondary' : 'warning'} data-testid="scheme-edit-total">
          计分项（系统计算和人工评分）合计 {scored} 分{scored === 100 ? '' : '，发布时须为 100 分'}；加分项、扣分项的分值为上限。
        </Typography.Paragraph>
      }
    >
      <Form.Item name="title" label="方案名称" rules={[{ required: true, whitespace: true, message: '请填写方案名称' }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Flex gap={12} wrap>
        {(
          [
            ['excellent_min', '优秀 ≥'],
            ['good_min', '良好 ≥'],
            ['pass_min', '合格 ≥'],
          ] as const
        ).map(([name, label]) => (
          <Form.Item key={name} name={name} label={`${label}（分）`} rules={[{ required: true, message: '请填写' }]}>
            <InputNumber min={0} max={100} precision={2} style={{ width: 120 }} />
          </Form.Item>
        ))}
      </Flex>
      <Flex gap={12} wrap>
        <Form.Item name="fund" label="奖励经费（元）" rules={[{ required: true, message: '请填写' }]}>
          <InputNumber min={0} max={100000000} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="individual_percent" label="先进个人比例（%）" rules={[{ required: true, message: '请填写' }]}>
          <InputNumber min={0} max={50} precision={0} style={{ width: 120 }} />
        </Form.Item>
        {(
          [
            ['excellent', '优秀系数'],
            ['good', '良好系数'],
            ['pass', '合格系数'],
            ['fail', '不合格系数'],
          ] as const
        ).map(([grade, label]) => (
          <Form.Item key={grade} name={['factors', grade]} label={label} rules={[{ required: true, message: '请填写' }]}>
            <InputNumber min={0} max={10} precision={2} style={{ width: 100 }} />
          </Form.Item>
        ))}
      </Flex>
      <Form.List name="items">
        {(fields, { add, remove }) => (
          <Flex vertical gap={8}>
            {fields.map((field, n) => {
              const kind = items[n]?.kind;
              const keyed = kind === 'computed' || kind === 'deduction';
              return (
                <Card key={field.key} size="small" data-testid="scheme-edit-item">
                  <Flex gap={8} wrap align="flex-start">
                    <Form.Item name={[field.name, 'kind']} label="类别" style={{ width: 120, marginBottom: 8 }}>
                      <Select
                        aria-label={`第 ${n + 1} 项类别`}
                        options={Object.entries(KIND_LABEL).map(([value, label]) => ({ value, label }))}
                      />
                    </Form.Item>
                    {keyed ? (
                      <Form.Item
                        name={[field.name, 'key']}
                        label={kind === 'deduction' ? '按次扣分指标（可不选）' : '指标'}
                        style={{ flex: '1 1 200px', marginBottom: 8 }}
                        rules={kind === 'computed' ? [{ required: true, message: '请选择指标' }] : undefined}
                      >
                        <Select
                          allowClear={kind === 'deduction'}
                          aria-label={`第 ${n + 1} 项指标`}
                          options={options(kind)}
                          onChange={(key: string | undefined) => {
                            const found = computations.data?.find((c) => c.key === key && c.unit_group === scheme.unit_group);
                            if (found) form.setFieldValue(['items', field.name, 'label'], found.label);
                          }}
                        />
                      </Form.Item>
                    ) : null}
                    <Form.Item
                      name={[field.name, 'label']}
                      label="名称"
                      style={{ flex: '1 1 200px', marginBottom: 8 }}
                      rules={[{ required: true, whitespace: true, message: '请填写名称' }]}
                    >
                      <Input maxLength={60} aria-label={`第 ${n + 1} 项名称`} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'weight']}
                      label={kind === 'bonus' || kind === 'deduction' ? '上限（分）' : '分值'}
                      style={{ width: 110, marginBottom: 8 }}
                      rules={[{ required: true, message: '请填写' }]}
                    >
                      <InputNumber min={0} max={100} precision={2} style={{ width: '100%' }} aria-label={`第 ${n + 1} 项分值`} />
                    </Form.Item>
                    {kind === 'deduction' && items[n]?.key ? (
                      <Form.Item
                        name={[field.name, 'points']}
                        label="每次扣分"
                        style={{ width: 110, marginBottom: 8 }}
                        rules={[{ required: true, message: '请填写' }]}
                      >
                        <InputNumber min={0.01} max={100} precision={2} style={{ width: '100%' }} />
                      </Form.Item>
                    ) : null}
                    <Button
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={`删除第 ${n + 1} 项`}
                      onClick={() => remove(field.name)}
                      style={{ marginTop: 30 }}
                    />
                  </Flex>
                  {kind === 'computed' ? null : (
                    <Form.Item name={[field.name, 'criteria']} label="评分标准" style={{ marginBottom: 0 }}>
                      <Input.TextArea rows={2} maxLength={2000} />
                    </Form.Item>
                  )}
                </Card>
              );
            })}
            <Button
              icon={<PlusOutlined />}
              onClick={() => add({ kind: 'manual', label: '', weight: 0, criteria: '' })}
              data-testid="scheme-edit-add"
            >
              添加一项
            </Button>
          </Flex>
        )}
      </Form.List>
    </FormModal>
  );
}
