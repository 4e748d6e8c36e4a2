import { HistoryOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Collapse, Empty, Flex, Form, Input, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { DownloadButton } from '@/components/download-button';
import { FormModal } from '@/components/form-modal';
import { QueryError } from '@/components/query-error';
import type { Meeting } from '@/lib/api/meetings';
import { formatDateTime } from '@/lib/format';
import { useApiError } from '@/lib/use-api-error';
import { useMinutesVersions, useReviseMinutes, useUpdateMeeting, type MinutesVersion } from '../api/meetings';

/** The draft, edited until publication (saved with the meeting's version, If-Match). */
function DraftEditor({ meeting }: { meeting: Meeting }) {
  const [form] = Form.useForm<{ minutes_draft: string }>();
  const { message } = App.useApp();
  const showError = useApiError();
  const update = useUpdateMeeting();
  const draft = Form.useWatch('minutes_draft', form);
  const dirty = draft !== undefined && draft !== meeting.minutes_draft;

  const onFinish = async ({ minutes_draft }: { minutes_draft: string }) => {
    try {
      await update.mutateAsync({ meeting, body: { minutes_draft } });
      message.success('已保存纪要草稿');
    } catch (err) {
      showError(err, form);
    }
  };

  return (
    <Form form={form} name="minutes-form" onFinish={onFinish} initialValues={{ minutes_draft: meeting.minutes_draft }}>
      <Form.Item name="minutes_draft" style={{ marginBottom: 8 }}>
        <Input.TextArea
          rows={10}
          maxLength={20000}
          showCount
          aria-label="纪要草稿"
          placeholder="会议纪要：会议概况、议定意见。每条议定事项另在下方“议定事项”中记录，以便跟踪落实。"
        />
      </Form.Item>
      <Flex justify="space-between" align="center" gap={12} wrap style={{ marginTop: 16 }}>
        <Typography.Text type="secondary">
          {meeting.state === 'draft'
            ? '会议召开后，保存的纪要可以印发。'
            : dirty
              ? '有未保存的修改；印发的是已保存的草稿。'
              : '纪要定稿并保存后，可在页面上方“印发纪要”。'}
        </Typography.Text>
        <Button type="primary" htmlType="submit" loading={update.isPending} disabled={!dirty}>
          保存纪要
        </Button>
      </Flex>
    </Form>
  );
}

function ReviseModal({ meeting, onClose }: { meeting: Meeting; onClose: () => void }) {
  const [form] = Form.useForm<{ minutes: string; reason: string }>();
  const { message } = App.useApp();
  const revise = useReviseMinutes(meeting.id);
  const onSubmit = async (v: { minutes: string; reason: string }) => {
    const version = await revise.mutateAsync({ minutes: v.minutes.trim(), reason: v.reason.trim() });
    message.success(`已印发修订后的纪要（第 ${version.version} 版）`);
    onClose();
  };
  return (
    <FormModal
      title={`修订纪要：${meeting.title}`}
      width={760}
      okText="印发修订版"
      onClose={onClose}
      form={form}
      name="revise-minutes-form"
      onSubmit={onSubmit}
      initialValues={{ minutes: meeting.minutes ?? '' }}
      header={
        <>
          <Alert
            type="info"
            showIcon
            title={`已印发的第 ${meeting.minutes_version} 版保持不变，修订后印发为第 ${meeting.minutes_version + 1} 版。`}
            style={{ marginBottom: 16 }}
          />
        </>
      }
    >
      <Form.Item
        label="修订后的纪要"
        name="minutes"
        rules={[
          { required: true, whitespace: true, message: '请填写纪要全文' },
          { min: 2, message: '纪要至少 2 个字' },
        ]}
      >
        <Input.TextArea rows={12} maxLength={20000} showCount />
      </Form.Item>
      <Form.Item
        label="修订原因"
        name="reason"
        rules={[
          { required: true, whitespace: true, message: '请填写修订原因' },
          { min: 2, message: '修订原因至少 2 个字' },
        ]}
      >
        <Input.TextArea rows={2} maxLength={2000} placeholder="如：更正第三条的责任单位" />
      </Form.Item>
    </FormModal>
  );
}

function VersionList({ versions }: { versions: MinutesVersion[] }) {
  return (
    <Collapse
      size="small"
      data-testid="minutes-versions"
      items={versions.map((v) => ({
        key: v.version,
        label: (
          <Flex gap={8} wrap align="center" data-testid="minutes-version">
            <Tag color={v.version === versions[0].version ? 'green' : 'default'}>第 {v.version} 版</Tag>
            <Typography.Text>
              {formatDateTime(v.published_at)} · {v.published_by_name} {v.reason ? '修订' : '印发'}
            </Typography.Text>
            {v.reason ? <Typography.Text type="secondary">修订原因：{v.reason}</Typography.Text> : null}
          </Flex>
        ),
        extra: (
          // Inside the header: keep the click from folding the panel.
          <span onClick={(e) => e.stopPropagation()}>
            <DownloadButton path={v.download_url} fallback={`会议纪要第${v.version}版.docx`} label={`下载第 ${v.version} 版纪要`}>
              Word
            </DownloadButton>
          </span>
        ),
        children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{v.minutes}</Typography.Paragraph>,
      }))}
    />
  );
}

/** 会议纪要: a draft until published; then frozen, with its versions and 修订纪要. */
export function MinutesCard({ meeting }: { meeting: Meeting }) {
  const published = meeting.state === 'published';
  const versions = useMinutesVersions(meeting.id, published);
  const [revising, setRevising] = useState(false);
  const canEdit = meeting.actions.includes('edit');
  const canRevise = meeting.actions.includes('revise_minutes');
  const latest = versions.data?.[0];

  return (
    <Card
      title={
        <Flex gap={8} align="center">
          会议纪要
          {published ? (
            <Tag color="green" data-testid="minutes-version-tag">
              已印发 · 第 {meeting.minutes_version} 版
            </Tag>
          ) : (
            <Tag>草稿</Tag>
          )}
        </Flex>
      }
      data-testid="meeting-minutes"
      extra={
        <Flex gap={8}>
          {published && latest ? (
            <DownloadButton size="middle" path={latest.download_url} fallback="会议纪要.docx" label="下载纪要（Word）">
              下载纪要
            </DownloadButton>
          ) : null}
          {canRevise ? (
            <Button icon={<HistoryOutlined />} onClick={() => setRevising(true)}>
              修订纪要
            </Button>
          ) : null}
        </Flex>
      }
    >
      {!published && canEdit ? <DraftEditor key={meeting.version} meeting={meeting} /> : null}
      {!published && !canEdit ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="纪要尚未印发" /> : null}
      {published ? (
        <Flex vertical gap={16}>
          {latest ? (
            <Typography.Text type="secondary">
              {formatDateTime(latest.published_at)} 由 {latest.published_by_name} 印发
            </Typography.Text>
          ) : null}
          <div style={{ background: '#fafafa', border: '1px solid #f0f0f0', padding: 16, borderRadius: 6 }}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="minutes-text">
              {meeting.minutes}
            </Typography.Paragraph>
          </div>
          {versions.isLoading ? <Skeleton active paragraph={{ rows: 1 }} /> : null}
          {versions.error ? <QueryError error={versions.error} onRetry={() => versions.refetch()} /> : null}
          {versions.data && versions.data.length ? (
            <div>
              <Typography.Title level={5}>版本记录</Typography.Title>
              <VersionList versions={versions.data} />
            </div>
          ) : null}
        </Flex>
      ) : null}
      {revising ? <ReviseModal meeting={meeting} onClose={() => setRevising(false)} /> : null}
    </Card>
  );
}
