import { FilterOutlined } from '@ant-design/icons';
import { Button, Drawer, Flex, Switch, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useIsPhone } from '@/lib/use-phone';

/**
 * The filters above a list: a wrapping row on a desktop; on a phone a 筛选 button that opens
 * them, stacked full width, in a drawer from the bottom (kept mounted, so choices stay).
 */
export function FilterBar({ testId, children }: { testId: string; children: ReactNode }) {
  const phone = useIsPhone();
  const [open, setOpen] = useState(false);
  if (!phone) {
    return (
      <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }} data-testid={testId}>
        {children}
      </Flex>
    );
  }
  return (
    <>
      <Button block icon={<FilterOutlined />} onClick={() => setOpen(true)} style={{ marginBottom: 12 }} data-testid="filter-button">
        筛选
      </Button>
      <Drawer
        title="筛选"
        placement="bottom"
        size="80vh"
        open={open}
        onClose={() => setOpen(false)}
        forceRender
        styles={{ body: { maxHeight: '70vh', overflowY: 'auto' } }}
        footer={
          <Button type="primary" block onClick={() => setOpen(false)}>
            查看结果
          </Button>
        }
      >
        <Flex vertical gap={12} className="filter-drawer" data-testid={testId}>
          {children}
        </Flex>
      </Drawer>
    </>
  );
}

/** A yes/no filter: the switch and its words, the words part of the tap target. */
export function FilterSwitch({ label, onChange }: { label: string; onChange: (on: boolean) => void }) {
  return (
    <Flex component="label" gap={6} align="center" className="filter-switch">
      <Switch size="small" aria-label={label} onChange={onChange} />
      <Typography.Text>{label}</Typography.Text>
    </Flex>
  );
}
