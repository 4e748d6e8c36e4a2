import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, List, Skeleton, Typography, Upload } from 'antd';
import { DownloadButton } from '@/components/download-button';
import { QueryError } from '@/components/query-error';
import type { Schemas } from '@/lib/api/types';
import { formatDateTime, formatFileSize } from '@/lib/format';
import { useApiError } from '@/lib/use-api-error';

export type Attachment = Schemas['AttachmentRead'];

/** The file types the server takes as attachments (core/files.py). */
export const ACCEPT = '.pdf,.png,.jpg,.jpeg,.doc,.docx,.xls,.xlsx';

interface AttachmentsCardProps {
  files: { data?: Attachment[]; isLoading: boolean; error: unknown; refetch: () => unknown };
  upload: (file: File) => Promise<Attachment>;
  uploading: boolean;
  canAttach: boolean;
  testId: string;
  title?: string;
}

/** 附件 of a ticket or a meeting: list with download; upload for those allowed to. */
export function AttachmentsCard({ files, upload, uploading, canAttach, testId, title = '附件' }: AttachmentsCardProps) {
  const { message } = App.useApp();
  const showError = useApiError();

  return (
    <Card
      title={title}
      size="small"
      data-testid={testId}
      extra={
        canAttach ? (
          <Upload
            accept={ACCEPT}
            showUploadList={false}
            customRequest={async ({ file, onSuccess, onError }) => {
              try {
                const a = await upload(file as File);
                message.success(`已上传“${a.filename}”`);
                onSuccess?.(a);
              } catch (err) {
                showError(err);
                onError?.(err as Error);
              }
            }}
          >
            <Button size="small" icon={<UploadOutlined />} loading={uploading}>
              上传附件
            </Button>
          </Upload>
        ) : null
      }
    >
      {files.isLoading ? <Skeleton active /> : null}
      {files.error ? <QueryError error={files.error} onRetry={() => files.refetch()} /> : null}
      {files.data && !files.data.length ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={canAttach ? '暂无附件；可上传 PDF、图片、Word 或 Excel，单个不超过 10 MB' : '暂无附件'}
        />
      ) : null}
      {files.data?.length ? (
        <List<Attachment>
          dataSource={files.data}
          renderItem={(a) => (
            <List.Item
              data-testid="attachment"
              actions={[
                <DownloadButton
                  key="download"
                  type="link"
                  path={a.download_url}
                  fallback={a.filename}
                  label={`下载${a.filename}`}
                />,
              ]}
            >
              <List.Item.Meta
                avatar={<PaperClipOutlined />}
                title={
                  <Typography.Text ellipsis={{ tooltip: a.filename }} style={{ maxWidth: 220 }}>
                    {a.filename}
                  </Typography.Text>
                }
                description={
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatFileSize(a.size)} · {a.uploader_name} · {formatDateTime(a.uploaded_at)}
                  </Typography.Text>
                }
              />
            </List.Item>
          )}
        />
      ) : null}
    </Card>
  );
}
