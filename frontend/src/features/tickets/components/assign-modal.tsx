import { CalendarOutlined } from '@ant-design/icons';
import { Alert, App, Card, Flex, Form, Input, Radio, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { FormModal } from '@/components/form-modal';
import { QueryError } from '@/components/query-error';
import { UnitSelect } from '@/components/unit-select';
import { toSelectOptions, useEnums } from '@/lib/api/meta';
import { fieldErrors } from '@/lib/api/problem';
import type { Ticket, Urgency } from '@/lib/api/tickets';
import { formatDate } from '@/lib/format';
import { useDueDatePreview, useTransitionTicket, type DueDatePreview } from '../api/tickets';
import { describeSkipped } from '../lib/actions';
import { ActionError } from './action-error';

interface Values {
  lead_department_id?: string;
  co_department_ids?: string[];
  urgency: Urgency;
  note?: string;
}

function DuePreview({ preview }: { preview: DueDatePreview }) {
  const skipped = describeSkipped(preview.skipped);
  return (
    <Card size="small" style={{ background: '#f6f9ff', borderColor: '#c9dbf5' }} data-testid="due-preview">
      <Flex vertical gap={6}>
        <Typography.Text>
          <CalendarOutlined style={{ marginInlineEnd: 6 }} />
          办理时限：
          <Typography.Text strong data-testid="due-preview-date">
            {formatDate(preview.due_date)}
          </Typography.Text>
          <Typography.Text type="secondary">
            （自今日 {formatDate(preview.start)} 起 {preview.working_days} 个工作日）
          </Typography.Text>
        </Typography.Text>
        {skipped.length ? (
          <Flex gap={4} wrap align="center" data-testid="due-preview-skipped">
            <Typography.Text type="secondary">期间跳过：</Typography.Text>
            {skipped.map((d) => (
              <Tag key={d.date} color={d.kind === '节假日' ? 'red' : 'default'} title={d.date}>
                {d.text}（{d.kind}）
              </Tag>
            ))}
          </Flex>
        ) : (
          <Typography.Text type="secondary">期间没有节假日或周末。</Typography.Text>
        )}
        {!preview.calendar_known ? (
          <Alert
            type="warning"
            showIcon
            title="该年度的法定节假日安排尚未录入，办理时限只按周末计算"
            description="请系统管理员在“节假日调整”中补录放假和调休上班日期。"
            data-testid="calendar-unknown"
          />
        ) : null}
      </Flex>
    </Card>
  );
}

/** 交办: lead and co-handling departments, urgency, and the due date it will get. */
export function AssignModal({ ticket, onClose }: { ticket: Ticket; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const enums = useEnums();
  const [error, setError] = useState<unknown>(null);
  const transition = useTransitionTicket(ticket);
  const urgency = Form.useWatch('urgency', form) ?? ticket.urgency;
  const lead = Form.useWatch('lead_department_id', form);
  const preview = useDueDatePreview(urgency, true);

  const onSubmit = async (v: Values) => {
    setError(null);
    const t = await transition.mutateAsync({
      to_state: 'assigned',
      lead_department_id: v.lead_department_id ?? null,
      co_department_ids: (v.co_department_ids ?? []).filter((id) => id !== v.lead_department_id),
      urgency: v.urgency,
      note: v.note?.trim() || null,
    });
    message.success(`已交办${t.lead_department ? `给${t.lead_department.name}` : ''}，办理时限 ${formatDate(t.due_date)}`);
    onClose();
  };

  const onError = (err: unknown) => {
    const fields = fieldErrors(err, ['lead_department_id', 'co_department_ids', 'urgency', 'note']);
    if (fields.length) form.setFields(fields as { name: keyof Values; errors: string[] }[]);
    setError(err);
  };

  return (
    <FormModal<Values>
      title={`交办：${ticket.title}`}
      width={640}
      okText="交办"
      onClose={onClose}
      form={form}
      name="assign-ticket-form"
      initialValues={{ urgency: ticket.urgency, co_department_ids: [] }}
      onSubmit={onSubmit}
      onError={onError}
      header={
        <>
          <ActionError error={error} />
        </>
      }
    >
      <Form.Item label="牵头部门" name="lead_department_id" rules={[{ required: true, message: '请选择牵头办理部门' }]}>
        <UnitSelect kinds={['department']} placeholder="选择牵头办理的职能部门" />
      </Form.Item>
      <Form.Item label="协办部门" name="co_department_ids" extra="可选，最多 10 个">
        <UnitSelect kinds={['department']} mode="multiple" excludeId={lead} placeholder="选择协办部门" maxCount={10} />
      </Form.Item>
      <Form.Item label="紧急程度" name="urgency" rules={[{ required: true, message: '请选择紧急程度' }]}>
        <Radio.Group optionType="button" buttonStyle="solid" options={toSelectOptions(enums.data?.urgencies)} />
      </Form.Item>
      <Form.Item label="办理时限">
        {preview.error ? <QueryError error={preview.error} onRetry={() => preview.refetch()} /> : null}
        {preview.data ? <DuePreview preview={preview.data} /> : preview.isLoading ? <Skeleton active paragraph={{ rows: 1 }} /> : null}
      </Form.Item>
      <Form.Item label="交办说明" name="note" rules={[{ min: 2, message: '说明至少 2 个字' }]}>
        <Input.TextArea rows={2} maxLength={2000} placeholder="可选，记入办理过程" />
      </Form.Item>
    </FormModal>
  );
}
