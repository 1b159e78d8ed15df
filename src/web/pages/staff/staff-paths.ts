/** The staff work pages' addresses (the staff home and sign-in belong to the app's paths.ts). */
export const staffPaths = {
  queue: '/staff/queue',
  queueItem: (id: string) => `/staff/queue/${encodeURIComponent(id)}`,
  results: '/staff/results',
  result: (patientId: string, resultId: string) =>
    `/staff/results/${encodeURIComponent(patientId)}/${encodeURIComponent(resultId)}`,
  patients: '/staff/patients',
  patient: (id: string) => `/staff/patients/${encodeURIComponent(id)}`,
  schedule: '/staff/schedule',
  admin: '/staff/admin',
  adminSchedules: '/staff/admin/schedules',
} as const;
