import { App, Col, DatePicker, Form, Input, Row } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { FormModal } from '@/components/form-modal';
import { ProjectSelect } from '@/components/project-select';
import { UnitSelect } from '@/components/unit-select';
import { useCreateDecision, useUpdateDecision, type Decision } from '../api/decisions';

interface Values {
  text: string;
  responsible_unit_id: string;
  co_unit_ids?: string[];
  project_ids?: string[];
  due_date?: Dayjs | null;
}

const UNIT_KINDS = ['bureau', 'district', 'park', 'department', 'office'];

/** 记录议定事项 on a meeting, or edit one before the minutes are published. */
export function DecisionFormModal({
  meetingId,
  decision,
  onClose,
}: {
  meetingId: string;
  decision?: Decision;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const create = useCreateDecision(meetingId);
  const update = useUpdateDecision();
  const responsible = Form.useWatch('responsible_unit_id', form);

  const onSubmit = async (v: Values) => {
    const body = {
      text: v.text.trim(),
      responsible_unit_id: v.responsible_unit_id,
      co_unit_ids: (v.co_unit_ids ?? []).filter((id) => id !== v.responsible_unit_id),
      project_ids: v.project_ids ?? [],
      due_date: v.due_date ? v.due_date.format('YYYY-MM-DD') : null,
    };
    if (decision) {
      await update.mutateAsync({ decision, body });
      message.success(`已保存议定事项 ${decision.code}`);
    } else {
      const d = await create.mutateAsync(body);
      message.success(`已记录议定事项 ${d.seq}（${d.code}）`);
    }
    onClose();
  };

  return (
    <FormModal<Values>
      title={decision ? `编辑议定事项：${decision.code}` : '记录议定事项'}
      width={720}
      okText="保存"
      onClose={onClose}
      form={form}
      name="decision-form"
      onSubmit={onSubmit}
      initialValues={
          decision
            ? {
                text: decision.text,
                responsible_unit_id: decision.responsible_unit.id,
                co_unit_ids: decision.co_units.map((u) => u.id),
                project_ids: decision.projects.map((p) => p.id),
                due_date: decision.due_date ? dayjs(decision.due_date) : null,
              }
            : { co_unit_ids: [], project_ids: [] }
        }
    >
      <Form.Item
        label="议定内容"
        name="text"
        rules={[
          { required: true, whitespace: true, message: '请填写议定内容' },
          { min: 2, message: '议定内容至少 2 个字' },
        ]}
      >
        <Input.TextArea rows={3} maxLength={2000} showCount placeholder="如：市自然资源和规划局牵头，12 月底前完成项目二期用地报批" />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item label="责任单位" name="responsible_unit_id" rules={[{ required: true, message: '请选择责任单位' }]}>
            <UnitSelect kinds={UNIT_KINDS} placeholder="牵头落实的单位" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="完成时限" name="due_date">
            <DatePicker style={{ width: '100%' }} placeholder="选择日期（可不填）" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="配合单位" name="co_unit_ids">
        <UnitSelect kinds={UNIT_KINDS} mode="multiple" excludeId={responsible} placeholder="可选" />
      </Form.Item>
      <Form.Item label="相关项目" name="project_ids" extra="转交办时，交办事项挂在相关项目上">
        <ProjectSelect mode="multiple" initialOptions={decision?.projects} placeholder="输入项目名称或代码搜索（可选）" />
      </Form.Item>
    </FormModal>
  );
}
