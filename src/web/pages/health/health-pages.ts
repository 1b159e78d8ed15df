/**
 * The Health area, fetched as one chunk (see lazy-component.ts): the record's overview and its lists. The education page
 * is its own chunk (App.tsx): it brings the Markdown renderer, which the lists do not need.
 */
export { AllergiesPage } from './AllergiesPage.tsx';
export { DocumentsPage } from './DocumentsPage.tsx';
export { HealthIssuesPage } from './HealthIssuesPage.tsx';
export { HealthPage } from './HealthPage.tsx';
export { ImmunizationsPage } from './ImmunizationsPage.tsx';
export { MedicalHistoryPage } from './MedicalHistoryPage.tsx';
export { MedicationsPage } from './MedicationsPage.tsx';
export { VisitInstructionsPage } from './VisitInstructionsPage.tsx';
