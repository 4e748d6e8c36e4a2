import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Form, Input, InputNumber, Radio, Tag, Typography, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { ACCEPT } from '@/components/attachments-card';
import { DownloadButton } from '@/components/download-button';
import { FormModal } from '@/components/form-modal';
import { formatDate } from '@/lib/format';
import {
  useAnswerObjection,
  useRaiseObjection,
  useSelfReport,
  type Objection,
  type Result,
  type ResultItem,
  type Round,
  type SelfReport,
} from '../api/assessment';

export const OBJECTION_STATE: Record<Objection['state'], { label: string; color: string }> = {
  pending: { label: '待答复', color: 'orange' },
  accepted: { label: '已采纳', color: 'green' },
  rejected: { label: '已驳回', color: 'red' },
};

/** A unit's 自评 on one item and its answered or pending 申诉, as the sheet shows them. */
export function ItemNotes({ report, objection }: { report?: SelfReport; objection?: Objection }) {
  if (!report && !objection) return null;
  return (
    <Flex vertical gap={2} style={{ fontSize: 12 }} data-testid="item-notes">
      {report ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          自评 {Number(report.claimed)} 分：{report.text}（{report.reporter_name}）
        </Typography.Text>
      ) : null}
      {report?.evidence.length ? (
        <Flex gap={4} wrap>
          {report.evidence.map((f) => (
            <DownloadButton key={f.id} type="link" path={f.download_url} fallback={f.filename} label={`下载${f.filename}`}>
              {f.filename}
            </DownloadButton>
          ))}
        </Flex>
      ) : null}
      {objection ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          申诉：{objection.reason} <Tag color={OBJECTION_STATE[objection.state].color}>{OBJECTION_STATE[objection.state].label}</Tag>
          {objection.answer ? `答复：${objection.answer}` : ''}
          {objection.state === 'accepted' && objection.score_before != null && objection.score_after != null
            ? `（${Number(objection.score_before)} → ${Number(objection.score_after)} 分）`
            : ''}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

/** 自评: points claimed, what the unit did, and evidence files added to those already there. */
export function SelfReportModal({
  round,
  result,
  item,
  report,
  onClose,
}: {
  round: Round;
  result: Result;
  item: ResultItem;
  report?: SelfReport;
  onClose: () => void;
}) {
  const save = useSelfReport(round.id);
  const { message } = App.useApp();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const weight = Number(item.weight);
  return (
    <FormModal<{ claimed: number; text: string }>
      title={`自评：${item.label}`}
      okText="提交自评"
      name="self-report"
      onClose={onClose}
      initialValues={{ claimed: report ? Number(report.claimed) : undefined, text: report?.text ?? '' }}
      onSubmit={async (v) => {
        await save.mutateAsync({
          unitId: result.unit_id,
          itemId: item.item_id,
          current: report,
          body: { claimed: v.claimed.toFixed(2), text: v.text },
          files: files.map((f) => f.originFileObj as File),
        });
        message.success(`已提交“${item.label}”的自评`);
        onClose();
      }}
    >
      <Form.Item
        name="claimed"
        label={item.kind === 'deduction' ? `自评扣分（最多 ${weight} 分）` : `自评得分（最多 ${weight} 分）`}
        rules={[{ required: true, message: '请填写自评分数' }]}
      >
        <InputNumber min={0} max={weight} precision={2} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="text" label="自评说明" rules={[{ required: true, whitespace: true, message: '请填写自评说明' }]}>
        <Input.TextArea rows={4} maxLength={1000} showCount placeholder="做了哪些工作，佐证材料是什么" />
      </Form.Item>
      <Form.Item label="佐证材料" extra={report?.evidence.length ? `已上传 ${report.evidence.length} 份；新选的文件随自评一并上传` : 'PDF、图片、Word 或 Excel，单个不超过 10 MB'}>
        <Upload
          accept={ACCEPT}
          multiple
          fileList={files}
          beforeUpload={() => false}
          onChange={({ fileList }) => setFiles(fileList)}
        >
          <Button icon={<UploadOutlined />}>选择文件</Button>
        </Upload>
      </Form.Item>
    </FormModal>
  );
}

/** 申诉 on one item of the unit's own publicised sheet. */
export function ObjectionModal({
  round,
  result,
  item,
  onClose,
}: {
  round: Round;
  result: Result;
  item: ResultItem;
  onClose: () => void;
}) {
  const raise = useRaiseObjection(round.id);
  const { message } = App.useApp();
  return (
    <FormModal<{ reason: string }>
      title={`申诉：${item.label}`}
      okText="提交申诉"
      name="objection"
      onClose={onClose}
      onSubmit={async (v) => {
        await raise.mutateAsync({ unitId: result.unit_id, itemId: item.item_id, reason: v.reason });
        message.success(`已对“${item.label}”提出申诉`);
        onClose();
      }}
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        当前得分 {item.score == null ? '—' : `${Number(item.score)} 分`}；申诉截止 {round.objection_due ? formatDate(round.objection_due) : ''}
        ，每项只能申诉一次。
      </Typography.Paragraph>
      <Form.Item name="reason" label="申诉理由" rules={[{ required: true, whitespace: true, message: '请填写申诉理由' }]}>
        <Input.TextArea rows={4} maxLength={1000} showCount placeholder="哪一项、为什么有异议、依据是什么" />
      </Form.Item>
    </FormModal>
  );
}

interface AnswerValues {
  to_state: 'accepted' | 'rejected';
  score?: number;
  answer: string;
}

/** The office's answer: accepted with the item's new score, or rejected; each with a reason. */
export function AnswerModal({ objection, item, onClose }: { objection: Objection; item?: ResultItem; onClose: () => void }) {
  const answer = useAnswerObjection();
  const { message } = App.useApp();
  const [form] = Form.useForm<AnswerValues>();
  const verdict = Form.useWatch('to_state', form);
  const weight = item ? Number(item.weight) : 100;
  return (
    <FormModal<AnswerValues>
      title={`答复申诉：${objection.unit_name}“${objection.item_label}”`}
      okText="答复"
      name="objection-answer"
      form={form}
      onClose={onClose}
      initialValues={{ to_state: 'rejected' }}
      onSubmit={async (v) => {
        await answer.mutateAsync({
          objection,
          body: {
            to_state: v.to_state,
            answer: v.answer,
            score: v.to_state === 'accepted' && v.score != null ? v.score.toFixed(2) : null,
          },
        });
        message.success(v.to_state === 'accepted' ? '已采纳申诉，得分已调整' : '已驳回申诉');
        onClose();
      }}
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        申诉理由：{objection.reason}（{objection.raiser_name}）
        {item?.score != null ? `；当前得分 ${Number(item.score)} 分` : ''}
      </Typography.Paragraph>
      <Form.Item name="to_state" label="答复结果">
        <Radio.Group
          options={[
            { value: 'accepted', label: '采纳（调整得分）' },
            { value: 'rejected', label: '驳回' },
          ]}
        />
      </Form.Item>
      {verdict === 'accepted' ? (
        <Form.Item
          name="score"
          label={item?.kind === 'deduction' ? `调整后的扣分（最多 ${weight} 分）` : `调整后的得分（最多 ${weight} 分）`}
          rules={[{ required: true, message: '请填写调整后的分数' }]}
        >
          <InputNumber min={0} max={weight} precision={2} style={{ width: '100%' }} />
        </Form.Item>
      ) : null}
      <Form.Item name="answer" label="答复理由" rules={[{ required: true, whitespace: true, message: '请填写答复理由' }]}>
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  );
}
