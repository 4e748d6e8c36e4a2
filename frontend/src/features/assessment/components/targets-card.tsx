import { EditOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, InputNumber, List, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { DownloadButton } from '@/components/download-button';
import { FormModal } from '@/components/form-modal';
import { QueryBoundary } from '@/components/query-boundary';
import { errorMessage, problemField } from '@/lib/api/problem';
import { formatWan } from '@/lib/format';
import { useImportTargets, usePutTarget, useTargets, type Target } from '../api/assessment';

interface Values {
  signed_amount: number;
  major_projects: number;
  funds_arrived: number;
}

function TargetModal({ target, onClose }: { target: Target; onClose: () => void }) {
  const put = usePutTarget();
  const { message } = App.useApp();
  return (
    <FormModal<Values>
      title={`${target.unit_name} ${target.year}年度目标`}
      okText="保存"
      name="target-edit"
      onClose={onClose}
      initialValues={{
        signed_amount: target.signed_amount == null ? undefined : Number(target.signed_amount),
        major_projects: target.major_projects ?? undefined,
        funds_arrived: target.funds_arrived == null ? undefined : Number(target.funds_arrived),
      }}
      onSubmit={async (v) => {
        await put.mutateAsync({
          target,
          body: {
            signed_amount: v.signed_amount.toFixed(2),
            major_projects: v.major_projects,
            funds_arrived: v.funds_arrived.toFixed(2),
          },
        });
        message.success(`已保存${target.unit_name}的年度目标`);
        onClose();
      }}
    >
      <Form.Item name="signed_amount" label="签约金额目标（万元）" rules={[{ required: true, message: '请填写' }]}>
        <InputNumber min={0} precision={2} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="major_projects" label="1 亿元以上项目目标（个）" rules={[{ required: true, message: '请填写' }]}>
        <InputNumber min={0} max={10000} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="funds_arrived" label="到位资金目标（万元）" rules={[{ required: true, message: '请填写' }]}>
        <InputNumber min={0} precision={2} style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}

interface RowError {
  row: number;
  column: string;
  message: string;
}

/** 年度目标任务: each district's and park's targets; the coordinator sets them one by one or
 * imports the exported sheet (all rows or none). */
export function TargetsCard({ year, editor }: { year: number; editor: boolean }) {
  const targets = useTargets(year);
  const importer = useImportTargets(year);
  const { message } = App.useApp();
  const [editing, setEditing] = useState<Target | null>(null);
  const [failure, setFailure] = useState<{ detail: string; rows: RowError[] } | null>(null);
  const onImport = async (file: File) => {
    setFailure(null);
    try {
      const result = await importer.mutateAsync(file);
      message.success(`已导入 ${result.imported} 个单位的年度目标`);
    } catch (err) {
      const rows = problemField(err, 'rows');
      setFailure({ detail: errorMessage(err), rows: Array.isArray(rows) ? (rows as RowError[]) : [] });
    }
  };
  return (
    <Card
      size="small"
      title={`${year}年度目标任务`}
      data-testid="targets-card"
      extra={
        <Space wrap>
          <DownloadButton
            path={`/api/v1/assessment/targets/${year}/xlsx`}
            fallback={`targets-${year}.xlsx`}
            label="导出年度目标"
            size="middle"
          >
            导出 Excel
          </DownloadButton>
          {editor ? (
            <Upload
              accept=".xlsx"
              showUploadList={false}
              beforeUpload={(file) => {
                void onImport(file);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={importer.isPending} data-testid="targets-import">
                导入 Excel
              </Button>
            </Upload>
          ) : null}
        </Space>
      }
    >
      {failure ? (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setFailure(null)}
          style={{ marginBottom: 12 }}
          message={failure.detail}
          description={
            failure.rows.length ? (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {failure.rows.slice(0, 20).map((r) => (
                  <li key={`${r.row}-${r.column}`}>
                    第 {r.row} 行“{r.column}”：{r.message}
                  </li>
                ))}
              </ul>
            ) : undefined
          }
        />
      ) : null}
      <QueryBoundary query={targets}>
        {(rows) => (
          <List<Target>
            size="small"
            dataSource={rows}
            rowKey="unit_id"
            renderItem={(t) => (
              <List.Item
                data-testid="target-row"
                extra={
                  editor ? (
                    <Button icon={<EditOutlined />} aria-label={`设定${t.unit_name}的年度目标`} onClick={() => setEditing(t)} />
                  ) : null
                }
              >
                <List.Item.Meta
                  title={t.unit_name}
                  description={
                    t.version == null ? (
                      <Typography.Text type="secondary">未设定</Typography.Text>
                    ) : (
                      <span data-testid="target-values">
                        签约金额 {formatWan(t.signed_amount)} · 1 亿元以上项目 {t.major_projects} 个 · 到位资金 {formatWan(t.funds_arrived)}
                      </span>
                    )
                  }
                />
              </List.Item>
            )}
          />
        )}
      </QueryBoundary>
      {editing ? <TargetModal target={editing} onClose={() => setEditing(null)} /> : null}
    </Card>
  );
}
