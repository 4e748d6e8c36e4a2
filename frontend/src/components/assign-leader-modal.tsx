import { Alert, App, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { useAssignLeader, useLeaders } from '@/lib/api/assignments';
import { errorMessage } from '@/lib/api/problem';
import { FormModal } from './form-modal';

interface AssignLeaderModalProps {
  open: boolean;
  onClose: () => void;
  /** Fixed project (from its detail page); otherwise the user picks one. */
  projectId?: string;
  projectPicker?: React.ReactNode;
}

interface Values {
  project_id?: string;
  leader_id: string;
  note?: string;
}

/** 指定牵头市领导; a 409 (project or leader already taken) is shown inside the dialog. */
export function AssignLeaderModal({ open, onClose, projectId, projectPicker }: AssignLeaderModalProps) {
  const { message } = App.useApp();
  const leaders = useLeaders(open);
  const assign = useAssignLeader();
  const [conflict, setConflict] = useState<string | null>(null);

  const close = () => {
    setConflict(null);
    onClose();
  };

  const onSubmit = async (values: Values) => {
    const target = projectId ?? values.project_id;
    if (!target) return;
    setConflict(null);
    const a = await assign.mutateAsync({ projectId: target, leaderId: values.leader_id, note: values.note?.trim() });
    message.success(`已指定 ${a.leader_name} 牵头“${a.project_name}”`);
    close();
  };

  return (
    <FormModal<Values>
      open={open}
      title="指定牵头市领导"
      onClose={close}
      name="assign-form"
      onSubmit={onSubmit}
      onError={(err) => setConflict(errorMessage(err))}
      header={
        conflict ? <Alert type="error" showIcon title={conflict} style={{ marginBottom: 16 }} data-testid="assign-error" /> : null
      }
    >
      {projectId ? null : (
        <Form.Item label="项目" name="project_id" rules={[{ required: true, message: '请选择项目' }]}>
          {projectPicker}
        </Form.Item>
      )}
      <Form.Item label="市领导" name="leader_id" rules={[{ required: true, message: '请选择市领导' }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="选择市领导"
          loading={leaders.isLoading}
          options={(leaders.data ?? []).map((u) => ({ value: u.id, label: u.full_name }))}
        />
      </Form.Item>
      <Form.Item label="说明" name="note">
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}
