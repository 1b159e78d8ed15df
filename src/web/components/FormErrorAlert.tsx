import { Alert } from '@mantine/core';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';

interface FormErrorAlertProps {
  message: string | null;
  /** The form's error ref from useFormFeedback: focused after a failed submit. */
  alertRef: Ref<HTMLDivElement>;
}

/** What went wrong with the form as a whole, announced and focused when it appears. */
export function FormErrorAlert({ message, alertRef }: FormErrorAlertProps) {
  const { t } = useTranslation();
  if (!message) return null;
  return (
    <Alert
      ref={alertRef}
      tabIndex={-1}
      role="alert"
      color="red"
      variant="light"
      title={t('errors.formTitle')}
      className="form-error"
    >
      {message}
    </Alert>
  );
}
