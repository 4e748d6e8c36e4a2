import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space, Tooltip } from 'antd';
import type { DictionaryItem } from '@/lib/api/dictionaries';

interface DictionaryItemActionsProps {
  item: DictionaryItem;
  /** Where the entry sits in the list, to disable 上移 on the first and 下移 on the last. */
  first: boolean;
  last: boolean;
  busy: boolean;
  onEdit: () => void;
  onMove: (by: -1 | 1) => void;
  onToggle: () => void;
}

/** 编辑 / 上移 / 下移 / 停用 (启用) of one entry: the table's last column, a phone card's buttons. */
export function DictionaryItemActions({ item, first, last, busy, onEdit, onMove, onToggle }: DictionaryItemActionsProps) {
  return (
    <Space size={0} wrap>
      <Button type="link" size="small" onClick={onEdit}>
        编辑
      </Button>
      <Tooltip title="上移">
        <Button type="text" size="small" aria-label="上移" icon={<ArrowUpOutlined />} disabled={first || busy} onClick={() => onMove(-1)} />
      </Tooltip>
      <Tooltip title="下移">
        <Button type="text" size="small" aria-label="下移" icon={<ArrowDownOutlined />} disabled={last || busy} onClick={() => onMove(1)} />
      </Tooltip>
      <Popconfirm
        title={item.is_active ? '停用字典项' : '启用字典项'}
        description={
          item.is_active
            ? `停用后新填的表单不再提供“${item.label}”；已选用它的记录仍照常显示。确定停用？`
            : `启用后“${item.label}”重新出现在表单的选项中。确定启用？`
        }
        okText="确定"
        cancelText="取消"
        onConfirm={onToggle}
      >
        <Button type="link" size="small" danger={item.is_active}>
          {item.is_active ? '停用' : '启用'}
        </Button>
      </Popconfirm>
    </Space>
  );
}
