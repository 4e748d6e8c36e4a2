import { Alert, Button } from 'antd';
import { ApiError, errorMessage } from '@/lib/api/problem';

export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const requestId = error instanceof ApiError ? error.problem.request_id : null;
  return (
    <Alert
      type="error"
      showIcon
      title="加载失败"
      description={
        <>
          {errorMessage(error)}
          {requestId ? <div style={{ fontSize: 12, opacity: 0.65 }}>请求编号：{requestId}</div> : null}
        </>
      }
      action={onRetry ? <Button size="small" onClick={onRetry}>重试</Button> : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}
