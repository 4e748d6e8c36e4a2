import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Empty, Flex, Form, Input, Select, Spin, Timeline, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { QueryError } from '@/components/query-error';
import { labelOf, toSelectOptions, useEnums } from '@/lib/api/meta';
import { formatDate, formatDateTime } from '@/lib/format';
import { useApiError } from '@/lib/use-api-error';
import { useAddFollowUp, useFollowUps, type FollowUpCreate } from '../api/projects';

interface Values {
  kind: FollowUpCreate['kind'];
  occurred_on: Dayjs;
  participants: string;
  notes: string;
}

function FollowUpForm({ projectId, onDone }: { projectId: string; onDone: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const showError = useApiError();
  const enums = useEnums();
  const add = useAddFollowUp(projectId);
  const onFinish = async (v: Values) => {
    try {
      await add.mutateAsync({
        kind: v.kind,
        occurred_on: v.occurred_on.format('YYYY-MM-DD'),
        participants: v.participants.trim(),
        notes: v.notes.trim(),
      });
      message.success('已添加接洽记录');
      onDone();
    } catch (err) {
      showError(err, form);
    }
  };
  return (
    <Card size="small" title="新增接洽记录" style={{ marginBottom: 16 }}>
      <Form<Values> form={form} name="follow-up-form" layout="vertical" initialValues={{ occurred_on: dayjs() }} onFinish={onFinish}>
        <Flex gap={12} wrap>
          <Form.Item label="方式" name="kind" rules={[{ required: true, message: '请选择方式' }]}>
            <Select style={{ width: 140 }} options={toSelectOptions(enums.data?.follow_up_kinds)} />
          </Form.Item>
          <Form.Item label="日期" name="occurred_on" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item label="参加人员" name="participants" rules={[{ required: true, whitespace: true, message: '请填写参加人员' }]} style={{ flex: 1, minWidth: 240 }}>
            <Input maxLength={500} />
          </Form.Item>
        </Flex>
        <Form.Item label="情况记录" name="notes" rules={[{ required: true, whitespace: true, message: '请填写情况记录' }]}>
          <Input.TextArea rows={4} maxLength={5000} />
        </Form.Item>
        <Flex gap={8}>
          <Button type="primary" htmlType="submit" loading={add.isPending}>
            保存
          </Button>
          <Button onClick={onDone}>取消</Button>
        </Flex>
      </Form>
    </Card>
  );
}

/** 接洽记录: dated visits, calls, meetings and negotiations. */
export function FollowUpsTab({ projectId, canWrite }: { projectId: string; canWrite: boolean }) {
  const list = useFollowUps(projectId);
  const enums = useEnums();
  const [adding, setAdding] = useState(false);
  return (
    <>
      {canWrite && !adding ? (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} style={{ marginBottom: 16 }}>
          新增接洽记录
        </Button>
      ) : null}
      {adding ? <FollowUpForm projectId={projectId} onDone={() => setAdding(false)} /> : null}
      {list.isLoading ? <Spin /> : null}
      {list.error ? <QueryError error={list.error} onRetry={() => list.refetch()} /> : null}
      {list.data && !list.data.length ? <Empty description="暂无接洽记录" /> : null}
      <Timeline
        data-testid="follow-ups"
        items={(list.data ?? []).map((f) => ({
          content: (
            <>
              <Typography.Text strong>
                {formatDate(f.occurred_on)} · {labelOf(enums.data?.follow_up_kinds, f.kind)}
              </Typography.Text>
              <div>参加人员：{f.participants}</div>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>{f.notes}</Typography.Paragraph>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {f.author_name} 记录于 {formatDateTime(f.created_at)}
              </Typography.Text>
            </>
          ),
        }))}
      />
    </>
  );
}
