import { App, Button, Card, DatePicker, Empty, Flex, Form, Input, Skeleton, Tag, Timeline, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link } from 'react-router';
import { QueryError } from '@/components/query-error';
import { labelOf, useEnums } from '@/lib/api/meta';
import { formatDate, formatDateTime } from '@/lib/format';
import { useApiError } from '@/lib/use-api-error';
import { useDecisionUpdates, useReportProgress, type DecisionUpdate } from '../api/decisions';

const KIND_COLORS: Record<string, string> = { progress: 'green', transition: 'blue', ticket: 'purple' };

interface ReportValues {
  progress_date: Dayjs;
  note: string;
}

/** 报送进展: the responsible and co-units (and the coordinator) report dated progress. */
function ReportForm({ decisionId }: { decisionId: string }) {
  const [form] = Form.useForm<ReportValues>();
  const { message } = App.useApp();
  const showError = useApiError();
  const report = useReportProgress(decisionId);
  const onFinish = async (v: ReportValues) => {
    try {
      await report.mutateAsync({ note: v.note.trim(), progress_date: v.progress_date.format('YYYY-MM-DD') });
      form.resetFields();
      message.success('已报送进展');
    } catch (err) {
      showError(err, form);
    }
  };
  return (
    <Form<ReportValues>
      form={form}
      name="decision-progress-form"
      layout="vertical"
      onFinish={onFinish}
      initialValues={{ progress_date: dayjs() }}
      style={{ background: '#f6f9ff', border: '1px solid #c9dbf5', borderRadius: 6, padding: 16, marginBottom: 16 }}
    >
      <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
        报送进展
      </Typography.Text>
      <Form.Item label="进展日期" name="progress_date" rules={[{ required: true, message: '请选择进展日期' }]}>
        <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} allowClear={false} />
      </Form.Item>
      <Form.Item
        label="进展情况"
        name="note"
        rules={[
          { required: true, whitespace: true, message: '请填写进展情况' },
          { min: 2, message: '进展情况至少 2 个字' },
        ]}
      >
        <Input.TextArea rows={3} maxLength={2000} showCount placeholder="如：已完成用地预审，正在组卷报批" />
      </Form.Item>
      <Flex justify="flex-end">
        <Button type="primary" htmlType="submit" loading={report.isPending}>
          报送进展
        </Button>
      </Flex>
    </Form>
  );
}

/** 跟踪记录: progress reports, state changes and the steps of its tickets, newest first. */
export function DecisionFollowUpCard({ decisionId, canReport }: { decisionId: string; canReport: boolean }) {
  const updates = useDecisionUpdates(decisionId);
  const enums = useEnums();
  const state = (s: string | null | undefined) => labelOf(enums.data?.decision_states, s);
  const items = [...(updates.data ?? [])].reverse();

  const headline = (u: DecisionUpdate) => {
    if (u.kind === 'transition') return <Typography.Text strong>{`${state(u.from_state)} → ${state(u.to_state)}`}</Typography.Text>;
    return (
      <span>
        <Tag color={KIND_COLORS[u.kind]}>{labelOf(enums.data?.decision_update_kinds, u.kind)}</Tag>
        {u.kind === 'progress' && u.progress_date ? (
          <Typography.Text type="secondary">进展日期 {formatDate(u.progress_date)}</Typography.Text>
        ) : null}
      </span>
    );
  };

  return (
    <Card title="跟踪记录" data-testid="decision-follow-up-card">
      {canReport ? <ReportForm decisionId={decisionId} /> : null}
      {updates.isLoading ? <Skeleton active /> : null}
      {updates.error ? <QueryError error={updates.error} onRetry={() => updates.refetch()} /> : null}
      {updates.data && !items.length ? <Empty description="暂无跟踪记录" /> : null}
      <Timeline
        data-testid="decision-timeline"
        items={items.map((u) => ({
          color: KIND_COLORS[u.kind] ?? 'blue',
          content: (
            <Flex vertical gap={2} data-testid="decision-event">
              {headline(u)}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(u.occurred_at)} · {u.actor_name}
                {u.actor_unit_name ? `（${u.actor_unit_name}）` : ''}
              </Typography.Text>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                {u.note}
                {u.ticket_id ? (
                  <>
                    {' '}
                    <Link to={`/tickets/${u.ticket_id}`}>查看服务事项</Link>
                  </>
                ) : null}
              </Typography.Paragraph>
            </Flex>
          ),
        }))}
      />
    </Card>
  );
}
