/**
 * Visits, fetched as one chunk (see lazy-component.ts): Appointments and Visits, an appointment, its e-check-in, a visit, Schedule
 * and Request an appointment.
 */
import './visits-strings.ts';
import './visits.css';
export { AppointmentPage } from './AppointmentPage.tsx';
export { CheckInPage } from './CheckInPage.tsx';
export { RequestAppointmentPage } from './RequestAppointmentPage.tsx';
export { SchedulePage } from './SchedulePage.tsx';
export { VisitPage } from './VisitPage.tsx';
export { VisitsPage } from './VisitsPage.tsx';
