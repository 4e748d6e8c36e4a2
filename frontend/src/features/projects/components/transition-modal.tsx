import { CheckCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { Alert, App, Card, DatePicker, Empty, Flex, Form, Input, InputNumber, Radio, Select, Spin, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { FormModal } from '@/components/form-modal';
import { QueryError } from '@/components/query-error';
import { labelOf, toSelectOptions, useEnums } from '@/lib/api/meta';
import { errorMessage, problemField } from '@/lib/api/problem';
import { useNextStages, useTransition, type NextStage, type Project, type TransitionCreate } from '../api/projects';
import { KIND_LABELS, openGaps, toWanString, transitionFields } from '../lib/rules';

interface Values {
  to_stage?: string;
  reason?: string;
  signed_date?: Dayjs | null;
  signed_amount?: string | null;
  agreement_type?: string | null;
  started_date?: Dayjs | null;
  production_date?: Dayjs | null;
}

const KIND_COLORS: Record<string, string> = { forward: 'blue', back: 'orange', exit: 'red', resume: 'green' };

function GateList({ gaps }: { gaps: string[] }) {
  if (!gaps.length) {
    return (
      <Typography.Text type="success">
        <CheckCircleOutlined /> 条件已满足
      </Typography.Text>
    );
  }
  return (
    <Flex vertical gap={2}>
      {gaps.map((m) => (
        <Typography.Text key={m} type="warning">
          <ExclamationCircleOutlined /> {m}
        </Typography.Text>
      ))}
    </Flex>
  );
}

/** 推进/变更阶段: the targets next-stages offers, each with what its gate still needs. */
export function TransitionModal({ project, open, onClose }: { project: Project; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const enums = useEnums();
  const next = useNextStages(project.id, open);
  const transition = useTransition(project.id);
  const [failure, setFailure] = useState<{ detail: string; missing: string[] } | null>(null);
  const values = Form.useWatch([], form) as Values | undefined;
  const target: NextStage | undefined = next.data?.find((t) => t.stage === values?.to_stage);
  const fields = transitionFields(target?.stage);
  // A date or amount the project already has is not asked again.
  const needs = (word: string) => !!target?.missing.some((m) => m.includes(word));

  const close = () => {
    setFailure(null);
    transition.reset();
    onClose();
  };

  const onSubmit = async (v: Values) => {
    if (!v.to_stage) return;
    setFailure(null);
    const body: TransitionCreate = {
      to_stage: v.to_stage as TransitionCreate['to_stage'],
      expected_stage: project.stage,
      reason: v.reason?.trim() || null,
    };
    if (fields.includes('signed_date')) body.signed_date = v.signed_date?.format('YYYY-MM-DD') ?? null;
    if (fields.includes('signed_amount')) body.signed_amount = toWanString(v.signed_amount);
    if (fields.includes('agreement_type')) body.agreement_type = (v.agreement_type ?? null) as TransitionCreate['agreement_type'];
    if (fields.includes('started_date')) body.started_date = v.started_date?.format('YYYY-MM-DD') ?? null;
    if (fields.includes('production_date')) body.production_date = v.production_date?.format('YYYY-MM-DD') ?? null;
    const p = await transition.mutateAsync(body);
    message.success(`项目已进入“${labelOf(enums.data?.stages, p.stage)}”阶段`);
    close();
  };

  // A gate the server still finds open is listed in the dialog; the targets are read again.
  const onError = (err: unknown) => {
    const missing = problemField(err, 'missing');
    setFailure({ detail: errorMessage(err), missing: Array.isArray(missing) ? (missing as string[]) : [] });
    void next.refetch();
  };

  return (
    <FormModal<Values>
      open={open}
      title={`变更阶段：${project.name}`}
      width={680}
      okText="确认变更"
      okButtonProps={{ disabled: !target }}
      onClose={close}
      form={form}
      name="transition-form"
      onSubmit={onSubmit}
      onError={onError}
      header={
        <>
          <Typography.Paragraph type="secondary">
            当前阶段：<Tag>{labelOf(enums.data?.stages, project.stage)}</Tag>请选择目标阶段。回退、暂缓或终止须说明原因。
          </Typography.Paragraph>
          {next.error ? <QueryError error={next.error} onRetry={() => next.refetch()} /> : null}
          {failure ? (
            <Alert
              type="error"
              showIcon
              title={failure.detail}
              description={failure.missing.length ? <GateList gaps={failure.missing} /> : undefined}
              style={{ marginBottom: 12 }}
              data-testid="transition-error"
            />
          ) : null}
        </>
      }
    >
      {next.isLoading ? (
        <Spin />
      ) : next.data && next.data.length === 0 ? (
        <Empty description="项目已终止，不能再变更阶段" />
      ) : (
        <Form.Item name="to_stage" rules={[{ required: true, message: '请选择目标阶段' }]}>
          <Radio.Group style={{ width: '100%' }} onChange={() => setFailure(null)}>
            <Flex vertical gap={8} data-testid="next-stages">
              {(next.data ?? []).map((t) => (
                <Card key={t.stage} size="small" data-testid={`target-${t.stage}`}>
                  <Flex justify="space-between" align="flex-start" gap={12}>
                    <Radio value={t.stage}>
                      <Typography.Text strong>{labelOf(enums.data?.stages, t.stage)}</Typography.Text>
                      <Tag color={KIND_COLORS[t.kind]} style={{ marginInlineStart: 8 }}>
                        {KIND_LABELS[t.kind] ?? t.kind}
                      </Tag>
                    </Radio>
                    {t.kind === 'forward' ? <GateList gaps={openGaps(t, values ?? {})} /> : null}
                  </Flex>
                </Card>
              ))}
            </Flex>
          </Radio.Group>
        </Form.Item>
      )}
      {fields.includes('signed_date') ? (
        <Flex gap={12} wrap>
          <Form.Item label="签约日期" name="signed_date" rules={[{ required: needs('签约日期'), message: '请选择签约日期' }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item label="签约金额" name="signed_amount" rules={[{ required: needs('签约金额'), message: '请输入签约金额（万元）' }]}>
            <InputNumber<string> stringMode min="0" precision={2} suffix="万元" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item label="协议类型" name="agreement_type">
            <Select allowClear style={{ width: 140 }} options={toSelectOptions(enums.data?.agreement_types)} />
          </Form.Item>
        </Flex>
      ) : null}
      {fields.includes('started_date') ? (
        <Form.Item label="开工日期" name="started_date" rules={[{ required: needs('开工日期'), message: '请选择开工日期' }]}>
          <DatePicker />
        </Form.Item>
      ) : null}
      {fields.includes('production_date') ? (
        <Form.Item label="投产日期" name="production_date" rules={[{ required: needs('投产日期'), message: '请选择投产日期' }]}>
          <DatePicker />
        </Form.Item>
      ) : null}
      {target ? (
        <Form.Item
          label="原因"
          name="reason"
          rules={[
            { required: target.reason_required, whitespace: true, message: '回退、暂缓或终止须说明原因' },
            { min: 2, message: '原因至少 2 个字' },
          ]}
        >
          <Input.TextArea rows={2} maxLength={500} placeholder={target.reason_required ? '必填' : '可选'} />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}
