import { Button, Group, Modal, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface ConfirmModalProps {
  opened: boolean;
  title: string;
  confirmLabel: string;
  /** The way back without doing it ("Keep my appointment"). */
  keepLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  busy?: boolean;
  /** A danger (cancelling) is red. */
  danger?: boolean;
  children: ReactNode;
}

/**
 * A confirmation before a change the patient cannot simply take back (cancelling, sending a request). Built from
 * Modal's parts so its header is a plain div (a <header> there would be a second banner landmark); no scroll lock,
 * whose injected <style> the CSP refuses.
 */
export function ConfirmModal(props: ConfirmModalProps) {
  const { t } = useTranslation();
  const { opened, title, confirmLabel, keepLabel, onConfirm, onClose, busy, danger, children } = props;
  return (
    <Modal.Root opened={opened} onClose={onClose} centered lockScroll={false} size="lg">
      <Modal.Overlay />
      <Modal.Content>
        <Modal.Header role="presentation">
          <Modal.Title fw={700}>{title}</Modal.Title>
          <Modal.CloseButton aria-label={t('common.close')} />
        </Modal.Header>
        <Modal.Body>
          <Stack gap="md">
            {children}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={onClose} disabled={busy}>
                {keepLabel}
              </Button>
              <Button color={danger ? 'red.9' : undefined} onClick={onConfirm} loading={busy}>
                {confirmLabel}
              </Button>
            </Group>
          </Stack>
        </Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
}
