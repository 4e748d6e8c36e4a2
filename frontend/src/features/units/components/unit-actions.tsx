import { App, Button, Popconfirm, Space } from 'antd';
import { useApiError } from '@/lib/use-api-error';
import { useUpdateUnit, type Unit } from '../api/units';

/** 编辑 / 停用 (启用) of one unit: in the table's last column, under a phone's card. */
export function UnitActions({ unit, onEdit }: { unit: Unit; onEdit: (unit: Unit) => void }) {
  const { message } = App.useApp();
  const showError = useApiError();
  const update = useUpdateUnit();

  const toggleActive = async () => {
    try {
      await update.mutateAsync({ unit, body: { is_active: !unit.is_active } });
      message.success(unit.is_active ? `已停用“${unit.name}”` : `已启用“${unit.name}”`);
    } catch (err) {
      showError(err);
    }
  };

  return (
    <Space size={0}>
      <Button type="link" size="small" onClick={() => onEdit(unit)}>
        编辑
      </Button>
      <Popconfirm
        title={unit.is_active ? '停用单位' : '启用单位'}
        description={unit.is_active ? `停用后不能再为“${unit.name}”新建用户，确定停用？` : `确定重新启用“${unit.name}”？`}
        okText="确定"
        cancelText="取消"
        onConfirm={toggleActive}
      >
        <Button type="link" size="small" danger={unit.is_active}>
          {unit.is_active ? '停用' : '启用'}
        </Button>
      </Popconfirm>
    </Space>
  );
}
