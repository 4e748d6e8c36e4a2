import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { hasPermission, useSession } from '@/lib/auth/use-session';

/** Cosmetic guard: the server refuses anyway, this only explains it nicely. */
export function RequirePermission({
  permission,
  roles,
  children,
}: {
  permission?: string;
  /** Roles let in even without the permission. */
  roles?: string[];
  children: ReactNode;
}) {
  const { me } = useSession();
  const navigate = useNavigate();
  const byRole = !!me && !!roles?.includes(me.role);
  if ((permission || !roles) && hasPermission(me, permission)) return children;
  if (byRole) return children;
  return (
    <Result
      status="403"
      title="无权访问"
      subTitle="您的账号没有访问此页面的权限，如需开通请联系系统管理员。"
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          返回工作台
        </Button>
      }
    />
  );
}
