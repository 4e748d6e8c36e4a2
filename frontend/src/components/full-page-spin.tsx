import { Flex, Spin } from 'antd';

export function FullPageSpin({ tip = '加载中…' }: { tip?: string }) {
  return (
    <Flex align="center" justify="center" vertical gap={12} style={{ minHeight: '60vh' }}>
      <Spin size="large" />
      <span style={{ color: 'rgba(0,0,0,0.45)' }}>{tip}</span>
    </Flex>
  );
}
