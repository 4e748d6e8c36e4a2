import { App, Button, Card, Empty, Flex, Form, Input, Skeleton, Tag, Timeline, Typography } from 'antd';
import { QueryError } from '@/components/query-error';
import { labelOf, useEnums } from '@/lib/api/meta';
import { formatDateTime } from '@/lib/format';
import { useApiError } from '@/lib/use-api-error';
import { useAddNote, useTimeline, type TicketEvent } from '../api/tickets';

const KIND_COLORS: Record<string, string> = {
  transition: 'blue',
  comment: 'gray',
  nudge: 'orange',
  instruction: 'purple',
  escalation: 'red',
  attachment: 'cyan',
};

const TAG_COLORS: Record<string, string> = {
  comment: 'default',
  nudge: 'orange',
  instruction: 'purple',
  escalation: 'red',
  attachment: 'cyan',
};

function CommentBox({ ticketId }: { ticketId: string }) {
  const [form] = Form.useForm<{ text: string }>();
  const { message } = App.useApp();
  const showError = useApiError();
  const add = useAddNote(ticketId, 'comments');
  const onFinish = async ({ text }: { text: string }) => {
    try {
      await add.mutateAsync(text.trim());
      form.resetFields();
      message.success('已发表留言');
    } catch (err) {
      showError(err, form);
    }
  };
  return (
    <Form form={form} name="ticket-comment-form" onFinish={onFinish} style={{ marginTop: 8 }}>
      <Form.Item
        name="text"
        rules={[
          { required: true, whitespace: true, message: '请输入留言内容' },
          { min: 2, message: '留言至少 2 个字' },
        ]}
        style={{ marginBottom: 8 }}
      >
        <Input.TextArea rows={3} maxLength={2000} placeholder="写下办理中的沟通、补充材料说明等，相关各方都能看到" aria-label="留言" />
      </Form.Item>
      <Flex justify="flex-end">
        <Button type="primary" htmlType="submit" loading={add.isPending}>
          发表留言
        </Button>
      </Flex>
    </Form>
  );
}

/** 办理过程: every step, comment, 催办, 批示 and 督办, newest first, with the comment box. */
export function TimelineCard({ ticketId, canComment }: { ticketId: string; canComment: boolean }) {
  const timeline = useTimeline(ticketId);
  const enums = useEnums();
  const state = (s: string | null | undefined) => labelOf(enums.data?.ticket_states, s);

  const headline = (e: TicketEvent): string => {
    if (!e.from_state) return `提出（${state(e.to_state)}）`;
    if (e.from_state === 'resolved' && e.to_state === 'in_progress') return '退回重办';
    return `${state(e.from_state)} → ${state(e.to_state)}`;
  };
  const noteLabel = (e: TicketEvent): string | null => {
    if (e.kind !== 'transition') return null;
    if (e.to_state === 'resolved') return '办理结果';
    if (e.from_state === 'resolved' && e.to_state === 'in_progress') return '退回原因';
    if (e.to_state === 'cancelled') return '撤销原因';
    return '说明';
  };
  const items = [...(timeline.data ?? [])].reverse();

  return (
    <Card title="办理过程" data-testid="ticket-timeline-card">
      {canComment ? <CommentBox ticketId={ticketId} /> : null}
      {canComment ? <div style={{ height: 16 }} /> : null}
      {timeline.isLoading ? <Skeleton active /> : null}
      {timeline.error ? <QueryError error={timeline.error} onRetry={() => timeline.refetch()} /> : null}
      {timeline.data && !items.length ? <Empty description="暂无办理记录" /> : null}
      <Timeline
        data-testid="ticket-timeline"
        items={items.map((e) => {
          const label = noteLabel(e);
          return {
            color: KIND_COLORS[e.kind] ?? 'blue',
            content: (
              <Flex vertical gap={2} data-testid="timeline-event">
                {/* A step reads as its states; a comment, 催办, 批示, 督办 or file as its kind. */}
                {e.kind === 'transition' ? (
                  <Typography.Text strong>{headline(e)}</Typography.Text>
                ) : (
                  <span>
                    <Tag color={TAG_COLORS[e.kind]}>{labelOf(enums.data?.ticket_event_kinds, e.kind)}</Tag>
                  </span>
                )}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(e.occurred_at)} · {e.actor_name}
                  {e.actor_unit_name ? `（${e.actor_unit_name}）` : ''}
                </Typography.Text>
                {e.note ? (
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                    {label ? <Typography.Text type="secondary">{label}：</Typography.Text> : null}
                    {e.note}
                  </Typography.Paragraph>
                ) : null}
              </Flex>
            ),
          };
        })}
      />
    </Card>
  );
}
