import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Modal, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { errorMessage, problemField } from '@/lib/api/problem';
import { useApiError } from '@/lib/use-api-error';
import { downloadTemplate, useImportProjects } from '../api/projects';

interface RowError {
  row: number;
  column: string;
  message: string;
}

/** The per-row errors an import refused with (422 `rows`), if any. */
function rowErrors(err: unknown): RowError[] {
  const rows = problemField(err, 'rows');
  return Array.isArray(rows) ? (rows as RowError[]) : [];
}

/** Excel 导入: all rows or none; a refused file lists what to fix per row. */
export function ProjectImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const showError = useApiError();
  const importer = useImportProjects();
  const [file, setFile] = useState<File | null>(null);
  const [failure, setFailure] = useState<{ detail: string; rows: RowError[] } | null>(null);

  const close = () => {
    setFile(null);
    setFailure(null);
    importer.reset();
    onClose();
  };

  const submit = async () => {
    if (!file) return;
    setFailure(null);
    try {
      const imported = await importer.mutateAsync(file);
      message.success(`已导入 ${imported} 个项目`);
      close();
    } catch (err) {
      setFailure({ detail: errorMessage(err), rows: rowErrors(err) });
    }
  };

  return (
    <Modal
      open={open}
      title="Excel 导入项目"
      width={720}
      onCancel={close}
      destroyOnHidden
      footer={
        <Flex justify="space-between">
          <Button
            onClick={() => downloadTemplate().catch(showError)}
          >
            下载模板
          </Button>
          <span>
            <Button onClick={close} style={{ marginInlineEnd: 8 }}>
              取消
            </Button>
            <Button type="primary" disabled={!file} loading={importer.isPending} onClick={submit}>
              开始导入
            </Button>
          </span>
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary">
        请按模板填写后上传（.xlsx）。文件中任何一行有误时整份文件都不会导入，请按下方提示修改后重新上传。
      </Typography.Paragraph>
      <Upload.Dragger
        accept=".xlsx"
        maxCount={1}
        beforeUpload={(f) => {
          setFile(f);
          setFailure(null);
          return false;
        }}
        onRemove={() => setFile(null)}
        fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
        data-testid="import-upload"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">点击或拖拽 Excel 文件到此处</p>
      </Upload.Dragger>
      {failure ? (
        <div style={{ marginTop: 16 }} data-testid="import-errors">
          <Alert type="error" showIcon title={failure.detail} style={{ marginBottom: 12 }} />
          {failure.rows.length ? (
            <Table<RowError>
              size="small"
              rowKey={(r) => `${r.row}-${r.column}-${r.message}`}
              pagination={false}
              scroll={{ y: 280 }}
              dataSource={failure.rows}
              columns={[
                { title: '行号', dataIndex: 'row', width: 80 },
                { title: '列', dataIndex: 'column', width: 160 },
                { title: '问题', dataIndex: 'message' },
              ]}
            />
          ) : null}
        </div>
      ) : null}
    </Modal>
  );
}
