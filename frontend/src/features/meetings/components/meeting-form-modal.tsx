import { App, Col, DatePicker, Form, Input, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { FormModal } from '@/components/form-modal';
import { UnitSelect } from '@/components/unit-select';
import { useLeaders } from '@/lib/api/assignments';
import type { Meeting, MeetingKind } from '@/lib/api/meetings';
import { toSelectOptions, useEnums } from '@/lib/api/meta';
import { isoToShanghaiPicker, shanghaiToIso } from '@/lib/format';
import { useCreateMeeting, useUpdateMeeting } from '../api/meetings';

interface Values {
  title: string;
  kind: MeetingKind;
  starts_at: Dayjs;
  place: string;
  chair_id: string;
  unit_ids: string[];
  agenda?: string;
}

/** 新建会议, or 编辑 one not yet published (its kind stays: carried-over items depend on it). */
export function MeetingFormModal({ meeting, onClose }: { meeting?: Meeting; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const enums = useEnums();
  const leaders = useLeaders();
  const create = useCreateMeeting();
  const update = useUpdateMeeting();

  const onSubmit = async (v: Values) => {
    const common = {
      title: v.title.trim(),
      starts_at: shanghaiToIso(v.starts_at),
      place: v.place.trim(),
      chair_id: v.chair_id,
      unit_ids: v.unit_ids ?? [],
      agenda: v.agenda?.trim() ?? '',
    };
    if (meeting) {
      await update.mutateAsync({ meeting, body: common });
      message.success('已保存会议信息');
      onClose();
    } else {
      const created = await create.mutateAsync({ ...common, kind: v.kind });
      message.success(`已创建会议“${created.title}”`);
      onClose();
      void navigate(`/meetings/${created.id}`);
    }
  };

  return (
    <FormModal<Values>
      title={meeting ? `编辑会议：${meeting.title}` : '新建会议'}
      width={720}
      okText={meeting ? '保存' : '创建'}
      onClose={onClose}
      form={form}
      name="meeting-form"
      onSubmit={onSubmit}
      initialValues={
          meeting
            ? {
                title: meeting.title,
                kind: meeting.kind,
                starts_at: isoToShanghaiPicker(meeting.starts_at),
                place: meeting.place,
                chair_id: meeting.chair.id,
                unit_ids: meeting.units.map((u) => u.id),
                agenda: meeting.agenda,
              }
            : { unit_ids: [] }
        }
    >
      <Form.Item
        label="会议名称"
        name="title"
        rules={[
          { required: true, whitespace: true, message: '请填写会议名称' },
          { min: 2, message: '会议名称至少 2 个字' },
        ]}
      >
        <Input maxLength={200} placeholder="如：2026年第四季度全市招商引资联席调度会" />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item label="会议类型" name="kind" rules={[{ required: true, message: '请选择会议类型' }]}>
            <Select placeholder="选择会议类型" options={toSelectOptions(enums.data?.meeting_kinds)} disabled={!!meeting} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="召开时间" name="starts_at" rules={[{ required: true, message: '请选择召开时间' }]}>
            <DatePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            label="地点"
            name="place"
            rules={[
              { required: true, whitespace: true, message: '请填写会议地点' },
              { min: 2, message: '地点至少 2 个字' },
            ]}
          >
            <Input maxLength={200} placeholder="如：市政府三楼常务会议室" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="主持" name="chair_id" rules={[{ required: true, message: '请选择主持会议的市领导' }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="选择市领导"
              loading={leaders.isLoading}
              options={(leaders.data ?? []).map((u) => ({ value: u.id, label: u.full_name }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="参会单位" name="unit_ids">
        <UnitSelect mode="multiple" placeholder="选择参会的县市区、园区和部门" />
      </Form.Item>
      <Form.Item label="议程" name="agenda">
        <Input.TextArea rows={5} maxLength={20000} placeholder={'每行一项，如：\n1. 通报前三季度招商引资工作情况\n2. 研究重大项目推进中的用地问题'} />
      </Form.Item>
    </FormModal>
  );
}
