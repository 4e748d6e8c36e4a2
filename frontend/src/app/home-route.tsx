import { lazy } from 'react';
import { hasPermission, useMe } from '@/lib/auth/use-session';

const HomePage = lazy(() => import('@/features/home/components/home-page'));
const DashboardPage = lazy(() => import('@/features/dashboard/components/dashboard-page'));

/** 工作台: the 驾驶舱 for everyone who reads statistics (a city leader's own project is the
 * first card on it); the general home for the others (the administrator). */
export default function HomeRoute() {
  const me = useMe();
  return hasPermission(me, 'reports:read') ? <DashboardPage /> : <HomePage />;
}
