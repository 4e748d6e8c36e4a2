import { lazy } from 'react';
import { Navigate } from 'react-router';
import { useMe } from '@/lib/auth/use-session';

const HomePage = lazy(() => import('@/features/home/components/home-page'));

/** 工作台: a city leader lands on the project he leads (opened from a message, often on a
 * phone); everyone else on the general home. */
export default function HomeRoute() {
  const me = useMe();
  if (me.role === 'leader') return <Navigate to="/my-project" replace />;
  return <HomePage />;
}
