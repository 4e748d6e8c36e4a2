import { Alert, App, Card, Flex, Form, Input, Radio, Typography } from 'antd';
import { useState } from 'react';
import { FormModal } from '@/components/form-modal';
import { errorMessage, fieldErrors } from '@/lib/api/problem';
import { formatWan } from '@/lib/format';
import { useDecideList, type ReviewRound } from '../api/reviews';
import { passedCandidates } from '../lib/levels';
import { HeldMeetingSelect } from './review-modals';
import { VerdictTag } from './verdict-tag';

interface Values {
  meeting_id: string;
  items: Record<string, { listed: boolean; opinion?: string }>;
}

/** 三级：确定清单 at a held 常务会议: each approved candidate listed or not (with a reason). */
export function FinalListModal({ round, onClose }: { round: ReviewRound; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const decide = useDecideList(round.id);
  const [error, setError] = useState<unknown>(null);
  const passed = passedCandidates(round.candidates);
  const items = Form.useWatch('items', form);

  const onSubmit = async (v: Values) => {
    setError(null);
    const decided = await decide.mutateAsync({
      meeting_id: v.meeting_id,
      items: passed.map((c) => ({
        candidate_id: c.id,
        listed: v.items[c.id].listed,
        opinion: v.items[c.id].opinion?.trim() || null,
      })),
    });
    message.success(`已确定${decided.year}年度重大项目清单，共 ${decided.listed_count} 个项目`);
    onClose();
  };

  const onError = (err: unknown) => {
    const fields = fieldErrors(err, ['meeting_id']);
    if (fields.length) form.setFields(fields as { name: 'meeting_id'; errors: string[] }[]);
    setError(err);
  };

  return (
    <FormModal<Values>
      title={`确定清单：${round.title}`}
      width={760}
      okText="确定清单"
      onClose={onClose}
      form={form}
      name="final-list-form"
      onSubmit={onSubmit}
      initialValues={{ items: Object.fromEntries(passed.map((c) => [c.id, { listed: true }])) }}
      onError={onError}
      header={
        <>
          {error ? <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} data-testid="action-error" /> : null}
          <Typography.Paragraph type="secondary">
            联审同意或有条件同意的 {passed.length} 个项目由市政府常务会议逐个决定是否列入清单；联审不同意、暂缓的不列入。清单确定后不能再修改。
          </Typography.Paragraph>
        </>
      }
    >
      <Form.Item label="常务会议" name="meeting_id" rules={[{ required: true, message: '请选择决定清单的常务会议' }]}>
        <HeldMeetingSelect kind="executive" />
      </Form.Item>
      <Flex vertical gap={12}>
        {passed.map((c) => {
          const listed = items?.[c.id]?.listed ?? true;
          return (
            <Card key={c.id} size="small" data-testid="final-item">
              <Flex justify="space-between" gap={12} wrap>
                <Flex vertical gap={2}>
                  <Typography.Text strong>{c.project.name}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    <span className="mono">{c.project.code}</span> · {c.project.owner_unit.name} · 计划总投资{' '}
                    {formatWan(c.project.planned_investment)}
                  </Typography.Text>
                  <span>
                    <VerdictTag verdict={c.verdict} />
                    {c.opinion ? <Typography.Text type="secondary">{c.opinion}</Typography.Text> : null}
                  </span>
                </Flex>
                <Form.Item name={['items', c.id, 'listed']} style={{ marginBottom: 0 }}>
                  <Radio.Group
                    optionType="button"
                    buttonStyle="solid"
                    aria-label={`${c.project.name}是否列入`}
                    options={[
                      { value: true, label: '列入清单' },
                      { value: false, label: '不列入' },
                    ]}
                  />
                </Form.Item>
              </Flex>
              <Form.Item
                name={['items', c.id, 'opinion']}
                style={{ marginBottom: 0, marginTop: 8 }}
                rules={listed ? [] : [{ required: true, whitespace: true, message: '不列入清单的项目须填写意见' }]}
              >
                <Input
                  maxLength={2000}
                  aria-label={`${c.project.name}常务会议意见`}
                  placeholder={listed ? '常务会议意见（可选）' : '不列入的理由（必填）'}
                />
              </Form.Item>
            </Card>
          );
        })}
      </Flex>
    </FormModal>
  );
}
