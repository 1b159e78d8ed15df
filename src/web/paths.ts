/** The app's page addresses, in one place so links and routes cannot drift apart. */
export const paths = {
  signIn: '/',
  signUp: '/signup',
  accountRecovery: '/account-recovery',
  activationCode: '/activation-code',
  home: '/home',
  notifications: '/notifications',
  messages: {
    list: '/messages',
    new: '/messages/new',
    thread: (threadId: string) => `/messages/${encodeURIComponent(threadId)}`,
  },
  visits: {
    list: '/visits',
    appointment: (appointmentId: string) => `/visits/appointments/${encodeURIComponent(appointmentId)}`,
    checkIn: (appointmentId: string) => `/visits/appointments/${encodeURIComponent(appointmentId)}/check-in`,
    visit: (encounterId: string) => `/visits/${encodeURIComponent(encounterId)}`,
    schedule: '/visits/schedule',
    request: '/visits/request',
  },
  health: {
    overview: '/health',
    medications: '/health/medications',
    allergies: '/health/allergies',
    immunizations: '/health/immunizations',
    issues: '/health/health-issues',
    history: '/health/history',
    visitInstructions: '/health/visit-instructions',
    documents: '/health/documents',
    results: '/health/test-results',
    result: (resultId: string) => `/health/test-results/${encodeURIComponent(resultId)}`,
    resultTrend: (code: string) => `/health/test-results/trends/${encodeURIComponent(code)}`,
    education: (topicId: string) => `/health/education/${encodeURIComponent(topicId)}`,
  },
  profile: {
    contact: '/profile/contact',
    notifications: '/profile/notifications',
    security: '/profile/security',
    twoStep: '/profile/two-step',
    activity: '/profile/activity',
    sharing: '/profile/sharing',
    family: '/profile/family',
    accessLog: '/profile/access-log',
  },
  staff: {
    signIn: '/staff/sign-in',
    home: '/staff',
    queue: '/staff/queue',
    patients: '/staff/patients',
  },
} as const;

/**
 * A path to return to after signing in, only when it is one of ours: a local absolute path
 * (never `//host` or a full URL, so a crafted link cannot send a patient off-site).
 */
export function safeReturnPath(candidate: unknown, fallback: string): string {
  if (
    typeof candidate !== 'string' ||
    !candidate.startsWith('/') ||
    candidate.startsWith('//') ||
    candidate.startsWith('/\\')
  )
    return fallback;
  return candidate;
}
