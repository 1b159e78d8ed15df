import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../NotFoundPage.tsx';
import { ForRoles } from './NotAllowedPage.tsx';
import { StaffAdminPage } from './admin/StaffAdminPage.tsx';
import { SchedulesAdminPage } from './admin/schedules/SchedulesAdminPage.tsx';
import { PatientSearchPage } from './front-desk/PatientSearchPage.tsx';
import { StaffPatientPage } from './front-desk/StaffPatientPage.tsx';
import { WorkItemPage } from './queue/WorkItemPage.tsx';
import { WorkQueuePage } from './queue/WorkQueuePage.tsx';
import { ResultsQueuePage } from './results/ResultsQueuePage.tsx';
import { StaffResultPage } from './results/StaffResultPage.tsx';
import { SchedulePage } from './visits/SchedulePage.tsx';
import './staff.css';

/**
 * The staff work pages, mounted at /staff/* inside the staff session guard (sign-in and the staff home are
 * the app's own routes): the work queue, the results queue, patient search and patient page, and staff administration.
 * A role a page is not for gets one "not allowed" page (staff-access.ts). The server checks every role again;
 * these routes only decide what to show.
 */
export function StaffRoutes() {
  return (
    <Routes>
      <Route path="queue" element={<WorkQueuePage />} />
      <Route path="queue/:itemId" element={<WorkItemPage />} />
      <Route
        path="results"
        element={
          <ForRoles page="results">
            <ResultsQueuePage />
          </ForRoles>
        }
      />
      <Route
        path="results/:patientId/:resultId"
        element={
          <ForRoles page="results">
            <StaffResultPage />
          </ForRoles>
        }
      />
      <Route
        path="patients"
        element={
          <ForRoles page="patients">
            <PatientSearchPage />
          </ForRoles>
        }
      />
      <Route
        path="patients/:patientId"
        element={
          <ForRoles page="patients">
            <StaffPatientPage />
          </ForRoles>
        }
      />
      <Route
        path="schedule"
        element={
          <ForRoles page="schedule">
            <SchedulePage />
          </ForRoles>
        }
      />
      <Route
        path="admin"
        element={
          <ForRoles page="admin">
            <StaffAdminPage />
          </ForRoles>
        }
      />
      <Route
        path="admin/schedules"
        element={
          <ForRoles page="schedules">
            <SchedulesAdminPage />
          </ForRoles>
        }
      />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
