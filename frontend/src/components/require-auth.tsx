import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '@/lib/auth/use-session';
import { FullPageSpin } from './full-page-spin';

/** Gate for signed-in routes: waits for session restore, else sends to /login. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { status, signedOut } = useSession();
  const location = useLocation();
  if (status === 'restoring') return <FullPageSpin tip="正在恢复登录状态…" />;
  if (status === 'anonymous') return <Navigate to="/login" replace state={signedOut ? null : { from: location }} />;
  return children;
}
