import { App, Form, Input, Radio, Select, Typography } from 'antd';
import { FormModal } from '@/components/form-modal';
import { useDictionary } from '@/lib/api/dictionaries';
import { toSelectOptions, useEnums } from '@/lib/api/meta';
import { useCreateTicket, type TicketCreate, type Urgency } from '@/lib/api/tickets';

interface Values {
  category: string;
  title: string;
  description: string;
  urgency: Urgency;
}

/** 提出服务事项 on this project: it goes to the coordinator to be assigned (待交办). */
export function RaiseTicketModal({
  projectId,
  projectName,
  onClose,
}: {
  projectId: string;
  projectName: string;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const enums = useEnums();
  const categories = useDictionary('ticket_category');
  const create = useCreateTicket();

  const onSubmit = async (v: Values) => {
    const body: TicketCreate = {
      project_id: projectId,
      category: v.category,
      title: v.title.trim(),
      description: v.description.trim(),
      urgency: v.urgency,
    };
    const t = await create.mutateAsync(body);
    message.success(`已提出服务事项 ${t.code}，等待市商务局交办`);
    onClose();
  };

  return (
    <FormModal<Values>
      title="提出服务事项"
      width={640}
      okText="提交"
      onClose={onClose}
      form={form}
      name="raise-ticket-form"
      initialValues={{ urgency: 'normal' }}
      onSubmit={onSubmit}
      header={
        <>
          <Typography.Paragraph type="secondary">
            项目：{projectName}。提交后由市商务局交办给职能部门办理，办理时限按紧急程度以工作日计算。
          </Typography.Paragraph>
        </>
      }
    >
      <Form.Item label="类别" name="category" rules={[{ required: true, message: '请选择类别' }]}>
        <Select placeholder="选择问题类别" options={categories.options} loading={categories.isLoading} />
      </Form.Item>
      <Form.Item
        label="事项标题"
        name="title"
        rules={[
          { required: true, whitespace: true, message: '请填写事项标题' },
          { min: 2, message: '标题至少 2 个字' },
        ]}
      >
        <Input maxLength={200} placeholder="一句话说明需要解决的问题，如：二期用地报批" />
      </Form.Item>
      <Form.Item
        label="问题描述和诉求"
        name="description"
        rules={[{ required: true, whitespace: true, message: '请描述问题和诉求' }]}
      >
        <Input.TextArea rows={5} maxLength={5000} showCount placeholder="现状、卡在哪里、希望哪个部门在什么时间前解决什么" />
      </Form.Item>
      <Form.Item label="紧急程度" name="urgency" rules={[{ required: true, message: '请选择紧急程度' }]}>
        <Radio.Group optionType="button" buttonStyle="solid" options={toSelectOptions(enums.data?.urgencies)} />
      </Form.Item>
    </FormModal>
  );
}
