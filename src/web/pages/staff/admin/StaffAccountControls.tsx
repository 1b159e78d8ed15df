import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResetStaffPassword, StaffAccount } from '../../../../shared/staff-admin.ts';
import { useFocusOnMount } from '../../../hooks/use-focus-on-mount.ts';
import { describeError } from '../../../hooks/use-form-feedback.ts';
import { usePortalConfig } from '../../../hooks/use-portal-config.ts';
import { ConfirmDialog } from '../ConfirmDialog.tsx';
import { formatDateTime } from '../format.ts';
import { useStaffAccountControl, type StaffAccountControl } from '../staff-api.ts';

/** What the last control did, shown above the staff list: a one-time password (once), a sentence, or what went wrong. */
export type ControlNotice =
  { kind: 'password'; reset: ResetStaffPassword } | { kind: 'done'; text: string } | { kind: 'error'; text: string };

/** Controls that take something away (a password, an authenticator, access): each asks first. */
const CONFIRMED: readonly StaffAccountControl[] = ['reset-password', 'reset-two-step', 'disable'];

/**
 * A colleague's account controls on the staff list: reset the password, reset 2-step, disable or enable. The
 * admin's own row has none (the server refuses them too: they would sign the admin out mid-way).
 */
export function StaffAccountControls({
  account,
  isOwn,
  onNotice,
}: {
  account: StaffAccount;
  isOwn: boolean;
  onNotice: (notice: ControlNotice) => void;
}) {
  const { t } = useTranslation('staff');
  const [confirming, setConfirming] = useState<StaffAccountControl | null>(null);
  const control = useStaffAccountControl();
  if (isOwn) return <Text size="sm">{t('admin.controls.own')}</Text>;

  const name = account.displayName;
  function run(which: StaffAccountControl) {
    setConfirming(null);
    control.mutate(
      { id: account.id, control: which },
      {
        onSuccess: ({ reset }) =>
          onNotice(
            reset ? { kind: 'password', reset } : { kind: 'done', text: t(`admin.controls.done.${which}`, { name }) },
          ),
        onError: (err) => onNotice({ kind: 'error', text: describeError(err, t) }),
      },
    );
  }
  function handleClick(which: StaffAccountControl) {
    if (CONFIRMED.includes(which)) setConfirming(which);
    else run(which);
  }

  const disabled = account.status !== 'active';
  const buttons: StaffAccountControl[] = ['reset-password', 'reset-two-step', disabled ? 'enable' : 'disable'];
  return (
    <>
      <Group gap="xs" wrap="wrap">
        {buttons.map((which) => (
          <Button
            key={which}
            size="xs"
            variant={which === 'disable' ? 'outline' : 'light'}
            color={which === 'disable' ? 'red.9' : undefined}
            loading={control.isPending && control.variables?.control === which}
            disabled={control.isPending}
            aria-label={t(`admin.controls.label.${which}`, { name })}
            onClick={() => handleClick(which)}
          >
            {t(`admin.controls.button.${which}`)}
          </Button>
        ))}
      </Group>
      <ConfirmDialog
        opened={confirming !== null}
        title={confirming ? t(`admin.controls.confirmTitle.${confirming}`, { name }) : ''}
        confirmLabel={confirming ? t(`admin.controls.confirm.${confirming}`) : ''}
        onConfirm={() => confirming && run(confirming)}
        onCancel={() => setConfirming(null)}
      >
        <Text>{confirming ? t(`admin.controls.confirmBody.${confirming}`, { name }) : ''}</Text>
      </ConfirmDialog>
    </>
  );
}

/** The result of the last control, focused when it appears so a screen reader hears it. */
export function ControlNoticeAlert({ notice, onDone }: { notice: ControlNotice; onDone: () => void }) {
  const { t } = useTranslation('staff');
  const { timeZone } = usePortalConfig();
  const ref = useFocusOnMount<HTMLDivElement>();
  if (notice.kind !== 'password')
    return (
      <Alert
        ref={ref}
        tabIndex={-1}
        role={notice.kind === 'error' ? 'alert' : 'status'}
        color={notice.kind === 'error' ? 'red' : 'green'}
        variant="light"
        withCloseButton
        closeButtonLabel={t('admin.controls.dismiss')}
        onClose={onDone}
      >
        {notice.text}
      </Alert>
    );
  const { account, oneTimePassword, expiresAt } = notice.reset;
  return (
    <Alert
      ref={ref}
      tabIndex={-1}
      role="status"
      color="green"
      variant="light"
      title={t('admin.controls.passwordTitle', { name: account.displayName })}
    >
      <Stack gap="xs">
        <Text size="sm">
          {t('admin.controls.passwordBody', {
            username: account.username,
            when: formatDateTime(expiresAt, timeZone),
          })}
        </Text>
        <Text className="issued-code-value" size="xl">
          {oneTimePassword}
        </Text>
        <Text size="sm">{t('admin.createdOnce')}</Text>
        <Group>
          <Button size="xs" variant="light" onClick={onDone}>
            {t('admin.createdDone')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
