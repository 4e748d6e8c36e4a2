import { App, Button, Drawer, Form, Space } from 'antd';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { UnitSelect } from '@/components/unit-select';
import { hasPermission, useMe } from '@/lib/auth/use-session';
import { useIsPhone } from '@/lib/use-phone';
import { useApiError } from '@/lib/use-api-error';
import { useCreateProject, type ProjectCreate } from '../api/projects';
import { ProjectFieldsForm, toBody, type ProjectFormValues } from './project-fields';

/** 新建项目: coordinators pick the owner unit, unit officers create for their own unit. A new
 * project is a lead (信息收集): 保存草稿 saves it while the investor is known only vaguely and
 * the amount not at all; 创建 asks for both. Either way it is submitted for evaluation from its
 * page (提交评估), which lists what is still missing. */
export function ProjectCreateDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const me = useMe();
  const [form] = Form.useForm<ProjectFormValues>();
  const { message } = App.useApp();
  const showError = useApiError();
  const navigate = useNavigate();
  const create = useCreateProject();
  const anyUnit = hasPermission(me, 'projects:manage');
  const phone = useIsPhone();
  // Read by the form's rules when it validates: false while saving a draft.
  const strict = useRef(true);
  const [asDraft, setAsDraft] = useState(false);
  const save = (draft: boolean) => {
    strict.current = !draft;
    setAsDraft(draft);
    form.submit();
  };

  const onFinish = async (values: ProjectFormValues) => {
    try {
      const body = { ...toBody(values, false), owner_unit_id: anyUnit ? values.owner_unit_id : null } as ProjectCreate;
      const project = await create.mutateAsync(body);
      message.success(
        asDraft ? `已保存草稿“${project.name}”（${project.code}），补全后可提交评估` : `已创建项目“${project.name}”（${project.code}）`,
      );
      onClose();
      void navigate(`/projects/${project.id}`);
    } catch (err) {
      showError(err, form);
    }
  };

  return (
    <Drawer
      open={open}
      title="新建项目"
      size={760}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          {/* On a phone the sheet's × closes it: room for the two ways to save. */}
          {phone ? null : <Button onClick={onClose}>取消</Button>}
          <Button loading={create.isPending && asDraft} onClick={() => save(true)} data-testid="save-draft">
            保存草稿
          </Button>
          <Button type="primary" loading={create.isPending && !asDraft} onClick={() => save(false)}>
            创建
          </Button>
        </Space>
      }
    >
      <Form<ProjectFormValues>
        form={form}
        name="project-form"
        layout="vertical"
        onFinish={onFinish}
        preserve={false}
        initialValues={{ is_foreign: false, is_confidential: false }}
      >
        <ProjectFieldsForm
          strict={() => strict.current}
          draftable
          unitPicker={anyUnit ? <UnitSelect kinds={['district', 'park', 'bureau']} placeholder="选择责任单位" /> : undefined}
        />
      </Form>
    </Drawer>
  );
}
