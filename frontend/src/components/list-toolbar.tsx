import { ReloadOutlined, SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Popover, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { formatCount } from '@/lib/format';

/** A column's stable key: its `key`, else its `dataIndex`. */
export function columnKey(column: ColumnsType<never>[number]): string {
  const c = column as { key?: React.Key; dataIndex?: unknown };
  return String(c.key ?? (Array.isArray(c.dataIndex) ? c.dataIndex.join('.') : c.dataIndex));
}

const STORED = 'zst:hidden-columns:';

/** Which columns a user has hidden on a list, kept in this browser. */
export function useHiddenColumns(settingsKey: string | undefined) {
  const [hidden, setHiddenState] = useState<string[]>(() => {
    if (!settingsKey) return [];
    try {
      const parsed: unknown = JSON.parse(localStorage.getItem(STORED + settingsKey) ?? '[]');
      return Array.isArray(parsed) ? parsed.map(String) : [];
    } catch {
      return [];
    }
  });
  const setHidden = (keys: string[]) => {
    setHiddenState(keys);
    if (settingsKey) localStorage.setItem(STORED + settingsKey, JSON.stringify(keys));
  };
  return [hidden, setHidden] as const;
}

interface ListToolbarProps<T> {
  total: number | null;
  onRefresh: () => void;
  refreshing: boolean;
  /** With columns, a 列设置 popover to show or hide them (the first one always stays). */
  columns?: ColumnsType<T>;
  hidden?: string[];
  onHiddenChange?: (keys: string[]) => void;
}

/** Above a list: its total, 刷新, and (on a desktop) 列设置. */
export function ListToolbar<T>({ total, onRefresh, refreshing, columns, hidden = [], onHiddenChange }: ListToolbarProps<T>) {
  const choices = (columns ?? []).slice(1).map((c) => ({
    value: columnKey(c as ColumnsType<never>[number]),
    label: typeof c.title === 'string' ? c.title : columnKey(c as ColumnsType<never>[number]),
  }));
  return (
    <Flex justify="space-between" align="center" gap={8} style={{ marginBottom: 8 }} data-testid="list-toolbar">
      <Typography.Text type="secondary" data-testid="list-total">
        {total !== null ? `共 ${formatCount(total)} 条` : ' '}
      </Typography.Text>
      <Flex gap={4}>
        <Tooltip title="刷新">
          <Button type="text" icon={<ReloadOutlined spin={refreshing} />} onClick={onRefresh} aria-label="刷新" data-testid="list-refresh" />
        </Tooltip>
        {columns && onHiddenChange ? (
          <Popover
            trigger="click"
            placement="bottomRight"
            title="显示的列"
            content={
              <Checkbox.Group
                style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
                options={choices}
                value={choices.map((c) => c.value).filter((k) => !hidden.includes(k))}
                onChange={(shown) => onHiddenChange(choices.map((c) => c.value).filter((k) => !shown.includes(k)))}
                data-testid="column-settings"
              />
            }
          >
            <Tooltip title="列设置">
              <Button type="text" icon={<SettingOutlined />} aria-label="列设置" data-testid="list-columns" />
            </Tooltip>
          </Popover>
        ) : null}
      </Flex>
    </Flex>
  );
}
