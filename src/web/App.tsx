import { Route, Routes } from 'react-router';
import { AppLayout } from './components/AppLayout.tsx';
import { RequireSession } from './components/RequireSession.tsx';
import { AccountRecoveryPage } from './pages/AccountRecoveryPage.tsx';
import { ActivationCodeRequestPage } from './pages/ActivationCodeRequestPage.tsx';
import { AllergiesPage } from './pages/health/AllergiesPage.tsx';
import { EducationPage } from './pages/health/EducationPage.tsx';
import { HealthIssuesPage } from './pages/health/HealthIssuesPage.tsx';
import { HealthPage } from './pages/health/HealthPage.tsx';
import { ImmunizationsPage } from './pages/health/ImmunizationsPage.tsx';
import { MedicalHistoryPage } from './pages/health/MedicalHistoryPage.tsx';
import { MedicationsPage } from './pages/health/MedicationsPage.tsx';
import { VisitInstructionsPage } from './pages/health/VisitInstructionsPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { AskQuestionPage } from './pages/messages/AskQuestionPage.tsx';
import { MessagesPage } from './pages/messages/MessagesPage.tsx';
import { ThreadPage } from './pages/messages/ThreadPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { NotificationsPage } from './pages/notifications/NotificationsPage.tsx';
import { AccessLogPage } from './pages/profile/AccessLogPage.tsx';
import { ActivityPage } from './pages/profile/ActivityPage.tsx';
import { ContactDetailsPage } from './pages/profile/ContactDetailsPage.tsx';
import { FamilyAccessPage } from './pages/profile/FamilyAccessPage.tsx';
import { NotificationSettingsPage } from './pages/profile/NotificationSettingsPage.tsx';
import { ProfileLayout } from './pages/profile/ProfileLayout.tsx';
import { SecurityPage } from './pages/profile/SecurityPage.tsx';
import { SharingPage } from './pages/profile/SharingPage.tsx';
import { TwoStepPage } from './pages/profile/TwoStepPage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { SignUpPage } from './pages/SignUpPage.tsx';
import { StaffHomePage } from './pages/staff/StaffHomePage.tsx';
import { StaffRoutes } from './pages/staff/StaffRoutes.tsx';
import { StaffSignInPage } from './pages/staff/StaffSignInPage.tsx';
import { paths } from './paths.ts';

/**
 * The page map. Every page sits inside AppLayout, which supplies the organisation facts. Pages under
 * RequireSession need a signed-in patient (or, under /staff, staff member); others go to sign in first.
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
