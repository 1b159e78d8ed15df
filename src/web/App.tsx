import { Route, Routes } from 'react-router';
import { AppLayout } from './components/AppLayout.tsx';
import { RequireSession } from './components/RequireSession.tsx';
import { lazyComponent } from './lazy-component.ts';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { paths } from './paths.ts';

// Each area is its own chunk, fetched when a route first shows one of its pages (issue 14: a lighter first page).
const signInPages = () => import('./pages/sign-in-pages.ts');
const SignInPage = lazyComponent(signInPages, 'SignInPage');
const SignUpPage = lazyComponent(signInPages, 'SignUpPage');
const AccountRecoveryPage = lazyComponent(signInPages, 'AccountRecoveryPage');
const ActivationCodeRequestPage = lazyComponent(signInPages, 'ActivationCodeRequestPage');

const HomePage = lazyComponent(() => import('./pages/HomePage.tsx'), 'HomePage');
const NotificationsPage = lazyComponent(
  () => import('./pages/notifications/NotificationsPage.tsx'),
  'NotificationsPage',
);

const healthPages = () => import('./pages/health/health-pages.ts');
const HealthPage = lazyComponent(healthPages, 'HealthPage');
const MedicationsPage = lazyComponent(healthPages, 'MedicationsPage');
const AllergiesPage = lazyComponent(healthPages, 'AllergiesPage');
const ImmunizationsPage = lazyComponent(healthPages, 'ImmunizationsPage');
const HealthIssuesPage = lazyComponent(healthPages, 'HealthIssuesPage');
const MedicalHistoryPage = lazyComponent(healthPages, 'MedicalHistoryPage');
const VisitInstructionsPage = lazyComponent(healthPages, 'VisitInstructionsPage');
const DocumentsPage = lazyComponent(healthPages, 'DocumentsPage');
// Its own chunk: an education topic is Markdown, and the renderer (react-markdown) is the largest library the app has.
const EducationPage = lazyComponent(() => import('./pages/health/EducationPage.tsx'), 'EducationPage');

const resultsPages = () => import('./pages/results/results-pages.ts');
const TestResultsPage = lazyComponent(resultsPages, 'TestResultsPage');
const ResultPage = lazyComponent(resultsPages, 'ResultPage');
// Its own chunk: the trend graph brings the chart library (recharts), which no other page needs.
const ResultTrendPage = lazyComponent(() => import('./pages/results/ResultTrendPage.tsx'), 'ResultTrendPage');

const visitsPages = () => import('./pages/visits/visits-pages.ts');
const VisitsPage = lazyComponent(visitsPages, 'VisitsPage');
const AppointmentPage = lazyComponent(visitsPages, 'AppointmentPage');
const VisitPage = lazyComponent(visitsPages, 'VisitPage');
const SchedulePage = lazyComponent(visitsPages, 'SchedulePage');
const RequestAppointmentPage = lazyComponent(visitsPages, 'RequestAppointmentPage');
const CheckInPage = lazyComponent(visitsPages, 'CheckInPage');

const messagesPages = () => import('./pages/messages/messages-pages.ts');
const MessagesPage = lazyComponent(messagesPages, 'MessagesPage');
const AskQuestionPage = lazyComponent(messagesPages, 'AskQuestionPage');
const ThreadPage = lazyComponent(messagesPages, 'ThreadPage');

const profilePages = () => import('./pages/profile/profile-pages.ts');
const ProfileLayout = lazyComponent(profilePages, 'ProfileLayout');
const ContactDetailsPage = lazyComponent(profilePages, 'ContactDetailsPage');
const NotificationSettingsPage = lazyComponent(profilePages, 'NotificationSettingsPage');
const SecurityPage = lazyComponent(profilePages, 'SecurityPage');
const TwoStepPage = lazyComponent(profilePages, 'TwoStepPage');
const ActivityPage = lazyComponent(profilePages, 'ActivityPage');
const SharingPage = lazyComponent(profilePages, 'SharingPage');
const FamilyAccessPage = lazyComponent(profilePages, 'FamilyAccessPage');
const AccessLogPage = lazyComponent(profilePages, 'AccessLogPage');

const staffPages = () => import('./pages/staff/staff-pages.ts');
const StaffSignInPage = lazyComponent(staffPages, 'StaffSignInPage');
const StaffHomePage = lazyComponent(staffPages, 'StaffHomePage');
const StaffRoutes = lazyComponent(staffPages, 'StaffRoutes');

/**
 * The page map. Every page sits inside AppLayout, which supplies the organisation facts. Pages under
 * RequireSession need a signed-in patient (or, under /staff, staff member); others go to sign in first. Pages come
 * in lazily, per area; AppLayout's Suspense shows the page-loading state while a page's chunk loads.
 */
export function App() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route path={paths.signIn} element={<SignInPage />} />
        <Route path={paths.signUp} element={<SignUpPage />} />
        <Route path={paths.accountRecovery} element={<AccountRecoveryPage />} />
        <Route path={paths.activationCode} element={<ActivationCodeRequestPage />} />
        <Route element={<RequireSession realm="patient" />}>
          <Route path={paths.home} element={<HomePage />} />
          <Route path={paths.notifications} element={<NotificationsPage />} />
          <Route path={paths.health.overview} element={<HealthPage />} />
          <Route path={paths.health.medications} element={<MedicationsPage />} />
          <Route path={paths.health.allergies} element={<AllergiesPage />} />
          <Route path={paths.health.immunizations} element={<ImmunizationsPage />} />
          <Route path={paths.health.issues} element={<HealthIssuesPage />} />
          <Route path={paths.health.history} element={<MedicalHistoryPage />} />
          <Route path={paths.health.visitInstructions} element={<VisitInstructionsPage />} />
          <Route path={paths.health.documents} element={<DocumentsPage />} />
          <Route path="/health/education/:topicId" element={<EducationPage />} />
          <Route path={paths.health.results} element={<TestResultsPage />} />
          <Route path="/health/test-results/:resultId" element={<ResultPage />} />
          <Route path="/health/test-results/trends/:code" element={<ResultTrendPage />} />
          <Route path={paths.visits.list} element={<VisitsPage />} />
          <Route path={paths.visits.schedule} element={<SchedulePage />} />
          <Route path={paths.visits.request} element={<RequestAppointmentPage />} />
          <Route path="/visits/appointments/:appointmentId" element={<AppointmentPage />} />
          <Route path="/visits/appointments/:appointmentId/check-in" element={<CheckInPage />} />
          <Route path="/visits/:encounterId" element={<VisitPage />} />
          <Route path={paths.messages.list} element={<MessagesPage />} />
          <Route path={paths.messages.new} element={<AskQuestionPage />} />
          <Route path="/messages/:threadId" element={<ThreadPage />} />
          <Route element={<ProfileLayout />}>
            <Route path={paths.profile.contact} element={<ContactDetailsPage />} />
            <Route path={paths.profile.notifications} element={<NotificationSettingsPage />} />
            <Route path={paths.profile.security} element={<SecurityPage />} />
            <Route path={paths.profile.twoStep} element={<TwoStepPage />} />
            <Route path={paths.profile.activity} element={<ActivityPage />} />
            <Route path={paths.profile.sharing} element={<SharingPage />} />
            <Route path={paths.profile.family} element={<FamilyAccessPage />} />
            <Route path={paths.profile.accessLog} element={<AccessLogPage />} />
          </Route>
        </Route>

        <Route path={paths.staff.signIn} element={<StaffSignInPage />} />
        <Route element={<RequireSession realm="staff" />}>
          <Route path={paths.staff.home} element={<StaffHomePage />} />
          <Route path="/staff/*" element={<StaffRoutes />} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
