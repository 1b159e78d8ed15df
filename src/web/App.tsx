import { Route, Routes } from 'react-router';
import { AppLayout } from './components/AppLayout.tsx';
import { RequireSession } from './components/RequireSession.tsx';
import { lazyPage } from './lazy-page.ts';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { paths } from './paths.ts';

// Each area is its own chunk, fetched when a route first shows one of its pages (issue 14: a lighter first page).
const signInPages = () => import('./pages/sign-in-pages.ts');
const SignInPage = lazyPage(signInPages, 'SignInPage');
const SignUpPage = lazyPage(signInPages, 'SignUpPage');
const AccountRecoveryPage = lazyPage(signInPages, 'AccountRecoveryPage');
const ActivationCodeRequestPage = lazyPage(signInPages, 'ActivationCodeRequestPage');

const HomePage = lazyPage(() => import('./pages/HomePage.tsx'), 'HomePage');
const NotificationsPage = lazyPage(() => import('./pages/notifications/NotificationsPage.tsx'), 'NotificationsPage');

const healthPages = () => import('./pages/health/health-pages.ts');
const HealthPage = lazyPage(healthPages, 'HealthPage');
const MedicationsPage = lazyPage(healthPages, 'MedicationsPage');
const AllergiesPage = lazyPage(healthPages, 'AllergiesPage');
const ImmunizationsPage = lazyPage(healthPages, 'ImmunizationsPage');
const HealthIssuesPage = lazyPage(healthPages, 'HealthIssuesPage');
const MedicalHistoryPage = lazyPage(healthPages, 'MedicalHistoryPage');
const VisitInstructionsPage = lazyPage(healthPages, 'VisitInstructionsPage');
// Its own chunk: an education topic is Markdown, and the renderer (react-markdown) is the largest library the app has.
const EducationPage = lazyPage(() => import('./pages/health/EducationPage.tsx'), 'EducationPage');

const messagesPages = () => import('./pages/messages/messages-pages.ts');
const MessagesPage = lazyPage(messagesPages, 'MessagesPage');
const AskQuestionPage = lazyPage(messagesPages, 'AskQuestionPage');
const ThreadPage = lazyPage(messagesPages, 'ThreadPage');

const profilePages = () => import('./pages/profile/profile-pages.ts');
const ProfileLayout = lazyPage(profilePages, 'ProfileLayout');
const ContactDetailsPage = lazyPage(profilePages, 'ContactDetailsPage');
const NotificationSettingsPage = lazyPage(profilePages, 'NotificationSettingsPage');
const SecurityPage = lazyPage(profilePages, 'SecurityPage');
const TwoStepPage = lazyPage(profilePages, 'TwoStepPage');
const ActivityPage = lazyPage(profilePages, 'ActivityPage');
const SharingPage = lazyPage(profilePages, 'SharingPage');
const FamilyAccessPage = lazyPage(profilePages, 'FamilyAccessPage');
const AccessLogPage = lazyPage(profilePages, 'AccessLogPage');

const staffPages = () => import('./pages/staff/staff-pages.ts');
const StaffSignInPage = lazyPage(staffPages, 'StaffSignInPage');
const StaffHomePage = lazyPage(staffPages, 'StaffHomePage');
const StaffRoutes = lazyPage(staffPages, 'StaffRoutes');

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
          <Route path="/health/education/:topicId" element={<EducationPage />} />
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
