import { Alert } from 'antd';
import { labelOf, useEnums } from '@/lib/api/meta';
import { ApiError, errorMessage, problemField } from '@/lib/api/problem';

/**
 * A refused step, in Chinese: the problem's detail, and for a 409 (someone else moved
 * the ticket first, or the step is not possible from here) where it stands now.
 */
export function ActionError({ error }: { error: unknown }) {
  const enums = useEnums();
  if (!error) return null;
  const current = problemField(error, 'current_state');
  const allowed = problemField(error, 'allowed');
  const states = enums.data?.ticket_states;
  let description: string | undefined;
  if (error instanceof ApiError && error.status === 409 && typeof current === 'string') {
    const next = Array.isArray(allowed) ? allowed.map((s) => labelOf(states, String(s))) : [];
    description = `事项当前状态：${labelOf(states, current)}。${
      next.length ? `你现在可以将其转为：${next.join('、')}。` : '你现在没有可办理的步骤。'
    }页面已刷新为最新状态。`;
  }
  return (
    <Alert
      type="error"
      showIcon
      title={errorMessage(error)}
      description={description}
      style={{ marginBottom: 16 }}
      data-testid="action-error"
    />
  );
}
