import { App, Button, Card, Empty, Form, Input, List, Spin, Typography } from 'antd';
import { QueryError } from '@/components/query-error';
import { formatDateTime } from '@/lib/format';
import { useApiError } from '@/lib/use-api-error';
import { useApprovals, useApprove, type Project } from '../api/projects';

/** 审核: the coordinator's approval, required before signing. */
export function ApprovalsTab({ project, canApprove }: { project: Project; canApprove: boolean }) {
  const list = useApprovals(project.id);
  const approve = useApprove(project.id);
  const [form] = Form.useForm<{ opinion: string }>();
  const { message } = App.useApp();
  const showError = useApiError();
  const inReview = project.stage === 'review';

  const onFinish = async ({ opinion }: { opinion: string }) => {
    try {
      await approve.mutateAsync(opinion.trim());
      message.success('已审核通过');
      form.resetFields();
    } catch (err) {
      showError(err, form);
    }
  };

  return (
    <>
      {canApprove && inReview ? (
        <Card size="small" title="审核通过" style={{ marginBottom: 16 }}>
          <Form form={form} name="approval-form" layout="vertical" onFinish={onFinish}>
            <Form.Item
              label="审核意见"
              name="opinion"
              rules={[
                { required: true, whitespace: true, message: '请填写审核意见' },
                { min: 2, message: '审核意见至少 2 个字' },
              ]}
            >
              <Input.TextArea rows={3} maxLength={500} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={approve.isPending}>
              审核通过
            </Button>
          </Form>
        </Card>
      ) : (
        <Typography.Paragraph type="secondary">
          {inReview ? '项目处于审核阶段，等待招商统筹审核。' : '项目进入“审核”阶段后，由招商统筹在此审核。'}
        </Typography.Paragraph>
      )}
      {list.isLoading ? <Spin /> : null}
      {list.error ? <QueryError error={list.error} onRetry={() => list.refetch()} /> : null}
      {list.data && !list.data.length ? <Empty description="暂无审核记录" /> : null}
      {list.data?.length ? (
        <List
          data-testid="approvals"
          bordered
          dataSource={list.data}
          renderItem={(a) => (
            <List.Item>
              <List.Item.Meta
                title={`${a.approver_name} 审核通过`}
                description={formatDateTime(a.approved_at)}
              />
              <div style={{ maxWidth: '60%' }}>{a.opinion}</div>
            </List.Item>
          )}
        />
      ) : null}
    </>
  );
}
