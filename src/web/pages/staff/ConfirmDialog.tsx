import { Button, Group, Modal, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface ConfirmDialogProps {
  opened: boolean;
  title: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  children: ReactNode;
}

/**
 * A confirmation before an action that cannot be undone (issuing a code stops earlier ones from working).
 * Built from Modal's parts so its header is a plain div: a <header> there would be a second banner landmark.
 */
export function ConfirmDialog({ opened, title, confirmLabel, onConfirm, onCancel, children }: ConfirmDialogProps) {
  const { t } = useTranslation('staff');
  return (
    // lockScroll off: its scroll lock injects a <style> without the CSP nonce, which the CSP refuses.
    <Modal.Root opened={opened} onClose={onCancel} centered lockScroll={false}>
      <Modal.Overlay />
      <Modal.Content>
        <Modal.Header role="presentation">
          <Modal.Title fw={700}>{title}</Modal.Title>
          <Modal.CloseButton aria-label={t('issue.cancel')} />
        </Modal.Header>
        <Modal.Body>
          <Stack gap="md">
            {children}
            <Group justify="flex-end">
              <Button variant="default" onClick={onCancel}>
                {t('issue.cancel')}
              </Button>
              <Button onClick={onConfirm}>{confirmLabel}</Button>
            </Group>
          </Stack>
        </Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
}
