import { Button, Group, Modal, Text } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormFeedback } from '../hooks/use-form-feedback.ts';
import { FormShell } from './FormShell.tsx';
import { PasswordField } from './PasswordField.tsx';

interface PasswordConfirmDialogProps {
  opened: boolean;
  title: string;
  /** What will happen, in plain words. */
  children: ReactNode;
  confirmLabel: string;
  /** Runs the change with the password; a rejection's message is shown next to the password or at the top. */
  onConfirm: (password: string) => Promise<void>;
  onClose: () => void;
}

/**
 * A change that asks for the password again (stopping a proxy's access): what will happen, the password,
 * and the button. Closing it forgets the password typed.
 */
export function PasswordConfirmDialog({
  opened,
  title,
  children,
  confirmLabel,
  onConfirm,
  onClose,
}: PasswordConfirmDialogProps) {
  const { t } = useTranslation();
  return (
    <Modal.Root opened={opened} onClose={onClose} centered size="md">
      <Modal.Overlay />
      <Modal.Content>
        {/* A <div> header: Mantine's <header> would be a second banner landmark. */}
        <Modal.Header component="div">
          <Modal.Title fw={700}>{title}</Modal.Title>
          <Modal.CloseButton aria-label={t('common.close')} />
        </Modal.Header>
        <Modal.Body>
          {opened && (
            <PasswordConfirmForm confirmLabel={confirmLabel} onConfirm={onConfirm} onClose={onClose} intro={children} />
          )}
        </Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
}

function PasswordConfirmForm({
  intro,
  confirmLabel,
  onConfirm,
  onClose,
}: {
  intro: ReactNode;
  confirmLabel: string;
  onConfirm: (password: string) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const feedback = useFormFeedback(['password'] as const);
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!password) return feedback.showFieldErrors({ password: t('forms.passwordRequired') });
    setSubmitting(true);
    try {
      await onConfirm(password);
    } catch (err) {
      feedback.showApiError(err);
      setSubmitting(false);
    }
  }

  return (
    <FormShell feedback={feedback} onSubmit={handleSubmit} intro={<Text size="sm">{intro}</Text>}>
      <PasswordField
        label={t('forms.currentPassword')}
        description={t('forms.passwordAgainShort')}
        autoComplete="current-password"
        name="password"
        value={password}
        onChange={(e) => setPassword(e.currentTarget.value)}
        error={feedback.fieldErrors.password}
        data-autofocus
      />
      <Group gap="sm">
        <Button type="submit" color="red.9" loading={submitting}>
          {confirmLabel}
        </Button>
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
      </Group>
    </FormShell>
  );
}
