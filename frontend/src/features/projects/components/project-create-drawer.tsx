import { App, Button, Drawer, Form, Space } from 'antd';
import { useNavigate } from 'react-router';
import { UnitSelect } from '@/components/unit-select';
import { hasPermission, useMe } from '@/lib/auth/use-session';
import { useApiError } from '@/lib/use-api-error';
import { useCreateProject, type ProjectCreate } from '../api/projects';
import { ProjectFieldsForm, toBody, type ProjectFormValues } from './project-fields';

/** 新建项目: coordinators pick the owner unit, unit officers create for their own unit. */
export function ProjectCreateDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const me = useMe();
  const [form] = Form.useForm<ProjectFormValues>();
  const { message } = App.useApp();
  const showError = useApiError();
  const navigate = useNavigate();
  const create = useCreateProject();
  const anyUnit = hasPermission(me, 'projects:manage');

  const onFinish = async (values: ProjectFormValues) => {
    try {
      const body = { ...toBody(values, false), owner_unit_id: anyUnit ? values.owner_unit_id : null } as ProjectCreate;
      const project = await create.mutateAsync(body);
      message.success(`已创建项目“${project.name}”（${project.code}）`);
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
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={create.isPending} onClick={() => form.submit()}>
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
          unitPicker={anyUnit ? <UnitSelect kinds={['district', 'park', 'bureau']} placeholder="选择责任单位" /> : undefined}
        />
      </Form>
    </Drawer>
  );
}
