import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Empty, Flex, Form, Input, InputNumber, Radio, Space, Spin, Table, Tag, Typography } from 'antd';
import { QueryError } from '@/components/query-error';
import { labelOf, useEnums } from '@/lib/api/meta';
import { formatDateTime } from '@/lib/format';
import { useApiError } from '@/lib/use-api-error';
import { useAddEvaluation, useEvaluations, type EvaluationCreate } from '../api/projects';
import { scoreTotals } from '../lib/rules';

/** The scored assessment items the workflow names (产业契合度, 亩均投资, 亩均税收, 能耗环保). */
const DEFAULT_ITEMS = [
  { key: 'industry_fit', label: '产业契合度', score: undefined, max_score: 25 },
  { key: 'investment_intensity', label: '亩均投资', score: undefined, max_score: 25 },
  { key: 'tax_intensity', label: '亩均税收', score: undefined, max_score: 25 },
  { key: 'energy_environment', label: '能耗与环保', score: undefined, max_score: 25 },
];

interface Values {
  items: { key: string; label: string; score?: number; max_score?: number }[];
  conclusion?: EvaluationCreate['conclusion'];
  summary?: string;
}

function EvaluationForm({ projectId, onDone }: { projectId: string; onDone: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const showError = useApiError();
  const enums = useEnums();
  const add = useAddEvaluation(projectId);
  const items = Form.useWatch('items', form);
  const totals = scoreTotals(items);

  const onFinish = async (v: Values) => {
    try {
      await add.mutateAsync({
        items: v.items.map((i, n) => ({
          key: i.key || `item_${n + 1}`,
          label: i.label.trim(),
          score: i.score ?? 0,
          max_score: i.max_score ?? 1,
        })),
        conclusion: v.conclusion!,
        summary: v.summary?.trim() || null,
      });
      message.success('已保存项目评估');
      onDone();
    } catch (err) {
      showError(err, form);
    }
  };

  return (
    <Card size="small" title="录入评估" style={{ marginBottom: 16 }}>
      <Form<Values> form={form} name="evaluation-form" layout="vertical" initialValues={{ items: DEFAULT_ITEMS }} onFinish={onFinish}>
        <Form.List name="items">
          {(fields, { add: addItem, remove }) => (
            <>
              {fields.map(({ key, name }) => (
                <Space key={key} align="baseline" wrap>
                  <Form.Item name={[name, 'label']} rules={[{ required: true, whitespace: true, message: '请输入评分项' }]}>
                    <Input placeholder="评分项" style={{ width: 160 }} />
                  </Form.Item>
                  <Form.Item
                    name={[name, 'score']}
                    rules={[
                      { required: true, message: '请打分' },
                      ({ getFieldValue }) => ({
                        validator: (_, value?: number) => {
                          const max = getFieldValue(['items', name, 'max_score']) as number | undefined;
                          return value !== undefined && value !== null && max && value > max
                            ? Promise.reject(new Error('得分不能超过满分'))
                            : Promise.resolve();
                        },
                      }),
                    ]}
                  >
                    <InputNumber aria-label="得分" placeholder="得分" min={0} max={100} precision={0} />
                  </Form.Item>
                  <Typography.Text type="secondary">/</Typography.Text>
                  <Form.Item name={[name, 'max_score']} rules={[{ required: true, message: '请输入满分' }]}>
                    <InputNumber aria-label="满分" placeholder="满分" min={1} max={100} precision={0} />
                  </Form.Item>
                  {fields.length > 1 ? <MinusCircleOutlined aria-label="删除评分项" onClick={() => remove(name)} /> : null}
                </Space>
              ))}
              <Flex gap={16} align="center" style={{ marginBottom: 16 }}>
                {fields.length < 20 ? (
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => addItem({ max_score: 10 })}>
                    添加评分项
                  </Button>
                ) : null}
                <Typography.Text strong data-testid="evaluation-total">
                  合计：{totals.total} / {totals.max} 分
                </Typography.Text>
              </Flex>
            </>
          )}
        </Form.List>
        <Form.Item label="评估结论" name="conclusion" rules={[{ required: true, message: '请选择评估结论' }]}>
          <Radio.Group options={(enums.data?.evaluation_conclusions ?? []).map((o) => ({ value: o.value, label: o.label }))} />
        </Form.Item>
        <Form.Item label="评估意见" name="summary">
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Flex gap={8}>
          <Button type="primary" htmlType="submit" loading={add.isPending}>
            保存评估
          </Button>
          <Button onClick={onDone}>取消</Button>
        </Flex>
      </Form>
    </Card>
  );
}

/** 评估: scored assessments; the latest one's conclusion opens the gate to 项目接洽. Only the
 * bureau's coordinator records one; the page opens the form from its 录入评估 button too. */
export function EvaluationsTab({
  projectId,
  canWrite,
  adding,
  onAdding: setAdding,
}: {
  projectId: string;
  canWrite: boolean;
  adding: boolean;
  onAdding: (on: boolean) => void;
}) {
  const list = useEvaluations(projectId);
  const enums = useEnums();
  return (
    <>
      {canWrite && !adding ? (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} style={{ marginBottom: 16 }}>
          录入评估
        </Button>
      ) : null}
      {adding ? <EvaluationForm projectId={projectId} onDone={() => setAdding(false)} /> : null}
      {list.isLoading ? <Spin /> : null}
      {list.error ? <QueryError error={list.error} onRetry={() => list.refetch()} /> : null}
      {list.data && !list.data.length ? <Empty description="暂无项目评估" /> : null}
      <Flex vertical gap={12} data-testid="evaluations">
        {(list.data ?? []).map((e) => (
          <Card
            key={e.id}
            size="small"
            title={
              <Space>
                <Tag color={e.conclusion === 'recommend' ? 'green' : 'red'}>
                  {labelOf(enums.data?.evaluation_conclusions, e.conclusion)}
                </Tag>
                <span>总分 {e.total} / {scoreTotals(e.items).max}</span>
              </Space>
            }
            extra={
              <Typography.Text type="secondary">
                {e.evaluator_name} · {formatDateTime(e.created_at)}
              </Typography.Text>
            }
          >
            <Table
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={e.items}
              columns={[
                { title: '评分项', dataIndex: 'label' },
                { title: '得分', dataIndex: 'score', width: 100 },
                { title: '满分', dataIndex: 'max_score', width: 100 },
              ]}
            />
            {e.summary ? (
              <Descriptions size="small" style={{ marginTop: 8 }}>
                <Descriptions.Item label="评估意见">{e.summary}</Descriptions.Item>
              </Descriptions>
            ) : null}
          </Card>
        ))}
      </Flex>
    </>
  );
}
