import { Alert, Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { ApiError, errorMessage } from '@/lib/api/problem';

/** What a detail page shows when its record is missing or out of the caller's scope (both answer
 * 404; a malformed id answers 422): a message and the way back to the list. */
export interface NotFound {
  title: string;
  subTitle: string;
  backTo: string;
  backLabel: string;
}

export function QueryError({
  error,
  onRetry,
  notFound,
}: {
  error: unknown;
  /** May return the refetch promise: a failed retry shows here again, so nothing awaits it. */
  onRetry?: () => unknown;
  notFound?: NotFound;
}) {
  const navigate = useNavigate();
  if (notFound && error instanceof ApiError && (error.status === 404 || error.status === 422)) {
    return (
      <Result
        status="404"
        title={notFound.title}
        subTitle={notFound.subTitle}
        extra={
          <Button type="primary" onClick={() => void navigate(notFound.backTo)}>
            {notFound.backLabel}
          </Button>
        }
      />
    );
  }
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
      action={onRetry ? <Button size="small" onClick={() => void onRetry()}>重试</Button> : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}
