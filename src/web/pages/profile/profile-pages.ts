/** The profile area, fetched as one chunk (see lazy-component.ts): its layout and every profile page. */
import './profile-strings.ts';
export { AccessLogPage } from './AccessLogPage.tsx';
export { ActivityPage } from './ActivityPage.tsx';
export { ContactDetailsPage } from './ContactDetailsPage.tsx';
export { FamilyAccessPage } from './FamilyAccessPage.tsx';
export { NotificationSettingsPage } from './NotificationSettingsPage.tsx';
export { ProfileLayout } from './ProfileLayout.tsx';
export { SecurityPage } from './SecurityPage.tsx';
export { SharingPage } from './SharingPage.tsx';
export { TwoStepPage } from './TwoStepPage.tsx';
