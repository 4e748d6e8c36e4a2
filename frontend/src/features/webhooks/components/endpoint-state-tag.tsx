import { Tag } from 'antd';
import type { Endpoint } from '../api/webhooks';

export function EndpointStateTag({ endpoint }: { endpoint: Endpoint }) {
  if (!endpoint.is_active) return <Tag color="red">已停用</Tag>;
  if (endpoint.failing_since) return <Tag color="orange">推送失败中</Tag>;
  return <Tag color="green">正常</Tag>;
}
