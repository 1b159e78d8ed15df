import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SignedOutReason } from '../session/session-state.ts';

/** Above the sign-in form: why the person is seeing it (signed out, or signed out after inactivity). */
export function SignedOutNote({ reason }: { reason: SignedOutReason | undefined }) {
  const { t } = useTranslation();
  if (!reason) return null;
  return (
    <Alert
      role="status"
      color={reason === 'inactivity' || reason === 'ended' ? 'yellow' : 'lantern'}
      variant="light"
      title={t(`signedOut.${reason}.title`)}
    >
      {t(`signedOut.${reason}.body`)}
    </Alert>
  );
}
