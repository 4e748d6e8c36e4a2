import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { createBrowserRouter } from 'react-router';
import { FullPageSpin } from '@/components/full-page-spin';
import { RequireAuth } from '@/components/require-auth';
import { RequirePermission } from '@/components/require-permission';
import { AppLayout } from './app-layout';
import { navItems } from './nav';
import { NotFound } from './not-found';

const LoginPage = lazy(() => import('@/features/auth/components/login-page'));
const AccountPage = lazy(() => import('@/features/account/components/account-page'));
const ProjectDetailPage = lazy(() => import('@/features/projects/components/project-detail-page'));
const TicketDetailPage = lazy(() => import('@/features/tickets/components/ticket-detail-page'));
const MeetingDetailPage = lazy(() => import('@/features/meetings/components/meeting-detail-page'));
const DecisionDetailPage = lazy(() => import('@/features/meetings/components/decision-detail-page'));
const ReportDetailPage = lazy(() => import('@/features/reports/components/report-detail-page'));
const BulletinPage = lazy(() => import('@/features/bulletins/components/bulletin-page'));
const AssessmentRoundPage = lazy(() => import('@/features/assessment/components/round-page'));
const SummaryPage = lazy(() => import('@/features/reports/components/summary-page'));
const ApiClientPage = lazy(() => import('@/features/api-clients/components/api-client-page'));
const EndpointPage = lazy(() => import('@/features/webhooks/components/endpoint-page'));

function page(Component: LazyExoticComponent<ComponentType>, permission?: string, roles?: string[]) {
  return (
    <RequirePermission permission={permission} roles={roles}>
      <Suspense fallback={<FullPageSpin />}>
        <Component />
      </Suspense>
    </RequirePermission>
  );
}

export const router = createBrowserRouter([
  {
    path: '/login',
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <LoginPage />
      </Suspense>
    ),
  },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      ...navItems.map((item) =>
        item.path === '/'
          ? { index: true, element: page(item.page, item.permission, item.roles) }
          : { path: item.path.slice(1), element: page(item.page, item.permission, item.roles) },
      ),
      { path: 'projects/:id', element: page(ProjectDetailPage, 'projects:read') },
      { path: 'tickets/:ticketId', element: page(TicketDetailPage, 'tickets:read') },
      { path: 'meetings/:meetingId', element: page(MeetingDetailPage, 'meetings:read') },
      { path: 'decisions/:decisionId', element: page(DecisionDetailPage, 'meetings:read') },
      { path: 'reports/:reportId', element: page(ReportDetailPage, 'reports:read') },
      { path: 'bulletins/:bulletinId', element: page(BulletinPage, 'reports:read') },
      { path: 'assessment/rounds/:roundId', element: page(AssessmentRoundPage, 'reports:read') },
      { path: 'report-periods/:periodId', element: page(SummaryPage, 'reports:read') },
      { path: 'admin/api-clients/:clientId', element: page(ApiClientPage, 'api_clients:write') },
      { path: 'webhook-endpoints/:endpointId', element: page(EndpointPage, 'webhooks:manage') },
      { path: 'account', element: page(AccountPage) },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
