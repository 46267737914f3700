import { App as AntApp, ConfigProvider, Result } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import type { Permission } from '../../core/access';
import { FullPageSpin, homePath, RequireAuth, useSession } from './auth/session';
import { FeedbackBridge } from './shared/feedback';

dayjs.locale('zh-cn');

/** A page that needs a permission: a clear 无权访问 rather than an empty page of 403s. */
function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { can } = useSession();
  if (!can(permission)) return <Result status="403" title="无权访问" subTitle="您的账号没有访问此页面的权限，如有需要请联系街道管理员。" />;
  return <>{children}</>;
}

// The staff app (Root.tsx loads it for staff pages only). Every page is its own chunk.
const ChangePasswordPage = lazy(() => import('./auth/ChangePasswordPage'));
const AppLayout = lazy(() => import('./shell/AppLayout'));
const OrgPage = lazy(() => import('./org/OrgPage'));
const UnitsPage = lazy(() => import('./org/UnitsPage'));
const AccountsPage = lazy(() => import('./accounts/AccountsPage'));
const AuditPage = lazy(() => import('./audit/AuditPage'));
const CalendarPage = lazy(() => import('./calendar/CalendarPage'));
const NoticesPage = lazy(() => import('./notices/NoticesPage'));
const NoticeDetailPage = lazy(() => import('./notices/NoticeDetailPage'));
const PeoplePage = lazy(() => import('./people/PeoplePage'));
const PartyOrgsPage = lazy(() => import('./people/PartyOrgsPage'));
const CompaniesPage = lazy(() => import('./companies/CompaniesPage'));
const ImportsPage = lazy(() => import('./imports/ImportsPage'));
const RollPage = lazy(() => import('./owners/RollPage'));
const MyUnitsPage = lazy(() => import('./owners/MyUnitsPage'));
const GovernancePage = lazy(() => import('./formation/GovernancePage'));
const OverviewPage = lazy(() => import('./overview/OverviewPage').then((m) => ({ default: m.OverviewPage })));
const CasePage = lazy(() => import('./formation/CasePage'));
const ClassificationPage = lazy(() => import('./survey/ClassificationPage'));
const SurveyPage = lazy(() => import('./survey/SurveyPage'));
const DecisionsPage = lazy(() => import('./decisions/DecisionsPage'));
const DecisionDetailPage = lazy(() => import('./decisions/DecisionDetailPage'));
const CoordinationPage = lazy(() => import('./coordination/CoordinationPage'));
const MeetingPage = lazy(() => import('./coordination/MeetingPage'));
const TicketsPage = lazy(() => import('./tickets/TicketsPage'));
const RaiseTicketPage = lazy(() => import('./tickets/RaiseTicketPage'));
const TicketDetailPage = lazy(() => import('./tickets/TicketDetailPage'));
const ServiceListPage = lazy(() => import('./tickets/ServiceListPage'));
const CommitteesPage = lazy(() => import('./committees/CommitteesPage'));
const CommitteePage = lazy(() => import('./committees/CommitteePage'));
const CommitteeMeetingPage = lazy(() => import('./committees/MeetingPage'));
const MyCommitteePage = lazy(() => import('./committees/MyCommitteePage'));
const CommitteeReportPage = lazy(() => import('./committees/ReportPage'));
const EvaluatePage = lazy(() => import('./committees/EvaluatePage'));
const DisclosuresPage = lazy(() => import('./disclosures/DisclosuresPage'));
const EstateBoardPage = lazy(() => import('./disclosures/EstateBoardPage'));
const CreditPage = lazy(() => import('./disclosures/CreditPage'));
const StationsPage = lazy(() => import('./cobuilding/StationsPage'));
const CobuildingPage = lazy(() => import('./cobuilding/CobuildingPage'));

const theme = {
  token: {
    colorPrimary: '#1f5fbf',
    borderRadius: 6,
  },
};

function Home() {
  const { me } = useSession();
  return me ? <Navigate to={homePath(me)} replace /> : <Navigate to="/login" replace />;
}

function AppRoutes() {
  return (
    <Suspense fallback={<FullPageSpin />}>
      <Routes>
        <Route
          path="/change-password"
          element={
            <RequireAuth>
              <ChangePasswordPage />
            </RequireAuth>
          }
        />
        <Route
          element={
            <RequireAuth>
              <AppLayout />
            </RequireAuth>
          }
        >
          <Route index element={<Home />} />
          <Route
            path="org/:nodeId?"
            element={
              <RequirePermission permission="org.read">
                <OrgPage />
              </RequirePermission>
            }
          />
          <Route
            path="estates/:estateId/units"
            element={
              <RequirePermission permission="unit.read">
                <UnitsPage />
              </RequirePermission>
            }
          />
          <Route
            path="accounts"
            element={
              <RequirePermission permission="account.manage">
                <AccountsPage />
              </RequirePermission>
            }
          />
          <Route
            path="audit"
            element={
              <RequirePermission permission="audit.read">
                <AuditPage />
              </RequirePermission>
            }
          />
          <Route
            path="notices"
            element={
              <RequirePermission permission="org.read">
                <NoticesPage />
              </RequirePermission>
            }
          />
          <Route
            path="notices/:id"
            element={
              <RequirePermission permission="org.read">
                <NoticeDetailPage />
              </RequirePermission>
            }
          />
          <Route
            path="people"
            element={
              <RequirePermission permission="registry.read">
                <PeoplePage />
              </RequirePermission>
            }
          />
          <Route
            path="party-orgs"
            element={
              <RequirePermission permission="registry.read">
                <PartyOrgsPage />
              </RequirePermission>
            }
          />
          <Route
            path="companies/:companyId?"
            element={
              <RequirePermission permission="company.read">
                <CompaniesPage />
              </RequirePermission>
            }
          />
          <Route
            path="imports"
            element={
              <RequirePermission permission="registry.manage">
                <ImportsPage />
              </RequirePermission>
            }
          />
          <Route
            path="roll/:estateId?"
            element={
              <RequirePermission permission="registry.read">
                <RollPage />
              </RequirePermission>
            }
          />
          <Route
            path="my-units"
            element={
              <RequirePermission permission="owner.self">
                <MyUnitsPage />
              </RequirePermission>
            }
          />
          <Route
            path="overview"
            element={
              <RequirePermission permission="overview.read">
                <OverviewPage />
              </RequirePermission>
            }
          />
          <Route
            path="governance"
            element={
              <RequirePermission permission="governance.read">
                <GovernancePage />
              </RequirePermission>
            }
          />
          <Route
            path="formation/:caseId"
            element={
              <RequirePermission permission="governance.read">
                <CasePage />
              </RequirePermission>
            }
          />
          <Route
            path="decisions"
            element={
              <RequirePermission permission="decision.read">
                <DecisionsPage />
              </RequirePermission>
            }
          />
          <Route
            path="decisions/:id"
            element={
              <RequirePermission permission="decision.read">
                <DecisionDetailPage />
              </RequirePermission>
            }
          />
          <Route
            path="coordination"
            element={
              <RequirePermission permission="task.read">
                <CoordinationPage />
              </RequirePermission>
            }
          />
          <Route
            path="coordination/meetings/:id"
            element={
              <RequirePermission permission="coordination.read">
                <MeetingPage />
              </RequirePermission>
            }
          />
          {/* Issue 18 §1: 调查摸底 and 分类管理 (the server checks scope). */}
          <Route
            path="survey"
            element={
              <RequirePermission permission="governance.read">
                <ClassificationPage />
              </RequirePermission>
            }
          />
          <Route
            path="estates/:id/survey"
            element={
              <RequirePermission permission="governance.read">
                <SurveyPage />
              </RequirePermission>
            }
          />
          {/* Issue 15: 十公开 and the companies' credit inputs. */}
          <Route
            path="disclosures"
            element={
              <RequirePermission permission="disclosure.read">
                <DisclosuresPage />
              </RequirePermission>
            }
          />
          <Route
            path="disclosures/:estateId"
            element={
              <RequirePermission permission="disclosure.read">
                <EstateBoardPage />
              </RequirePermission>
            }
          />
          <Route
            path="credit"
            element={
              <RequirePermission permission="credit.read">
                <CreditPage />
              </RequirePermission>
            }
          />
          {/* Issue 14: committees at work (each page asks the server, which checks scope and seat). */}
          <Route
            path="committees"
            element={
              <RequirePermission permission="committee.read">
                <CommitteesPage />
              </RequirePermission>
            }
          />
          <Route
            path="committees/mine"
            element={
              <RequirePermission permission="committee.act">
                <MyCommitteePage />
              </RequirePermission>
            }
          />
          <Route path="committees/:kind/:id" element={<CommitteePage />} />
          <Route path="committees/meetings/:id" element={<CommitteeMeetingPage />} />
          <Route path="committees/reports/:id" element={<CommitteeReportPage />} />
          <Route
            path="evaluations"
            element={
              <RequirePermission permission="owner.self">
                <EvaluatePage />
              </RequirePermission>
            }
          />
          {/* Issue 16: the service desk and co-building (each page asks the server, which filters by scope). */}
          <Route path="tickets" element={<TicketsPage />} />
          <Route
            path="tickets/new"
            element={
              <RequirePermission permission="ticket.raise">
                <RaiseTicketPage />
              </RequirePermission>
            }
          />
          <Route path="tickets/:id" element={<TicketDetailPage />} />
          <Route
            path="service-list"
            element={
              <RequirePermission permission="service.manage">
                <ServiceListPage />
              </RequirePermission>
            }
          />
          <Route path="stations" element={<StationsPage />} />
          <Route path="cobuilding" element={<CobuildingPage />} />
          <Route path="calendar" element={<CalendarPage />} />
          <Route
            path="welcome"
            element={<Result status="info" title="欢迎使用共治平台" subTitle="您的账号暂未开通可用的功能，如有需要请联系街道管理员。" />}
          />
          <Route path="*" element={<Result status="404" title="页面不存在" subTitle="您访问的页面不存在或已被移除。" />} />
        </Route>
      </Routes>
    </Suspense>
  );
}

export default function App() {
  return (
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }} theme={theme}>
      <AntApp>
        <FeedbackBridge />
        <AppRoutes />
      </AntApp>
    </ConfigProvider>
  );
}
