/** The app's page addresses, in one place so links and routes cannot drift apart. */
export const paths = {
  signIn: '/',
  accountRecovery: '/account-recovery',
  activationCode: '/activation-code',
} as const;
