import { Button, Group, Modal, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface IdleWarningDialogProps {
  deadline: number;
  staying: boolean;
  onStay: () => void;
  onSignOut: () => void;
}

/** The warning a minute before the automatic sign-out, with a live countdown (IdleSignOut shows it). */
export function IdleWarningDialog({ deadline, staying, onStay, onSignOut }: IdleWarningDialogProps) {
  const { t } = useTranslation();
  const seconds = useSecondsUntil(deadline);
  // Screen readers hear the time left every 15 seconds, not every second.
  const announced = Math.ceil(seconds / 15) * 15;

  return (
    // Composed by hand so the header is a <div>: Mantine's <header> would be a second banner landmark.
    <Modal.Root opened onClose={onStay} centered closeOnClickOutside={false} size="md">
      <Modal.Overlay />
      <Modal.Content>
        <Modal.Header component="div">
          <Modal.Title className="idle-dialog-title">{t('idle.title')}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Stack gap="md">
            <Text size="lg" role="timer" aria-live="off">
              {t('idle.countdown', { count: seconds })}
            </Text>
            <VisuallyHidden aria-live="polite">{t('idle.countdown', { count: announced })}</VisuallyHidden>
            <Text>{t('idle.explain')}</Text>
            <Group gap="sm">
              <Button onClick={onStay} loading={staying} data-autofocus>
                {t('idle.stay')}
              </Button>
              <Button variant="default" onClick={onSignOut}>
                {t('idle.signOut')}
              </Button>
            </Group>
          </Stack>
        </Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
}

/** Whole seconds until a browser time, ticking every second. */
function useSecondsUntil(deadline: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}
