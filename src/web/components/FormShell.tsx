import { Button, Group, Stack, type ButtonProps } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormErrorAlert } from './FormErrorAlert.tsx';

interface FormShellProps {
  /** The form's useFormFeedback: its refs let a failed submit move focus to what went wrong. */
  feedback: {
    formError: string | null;
    attachForm: (el: HTMLFormElement | null) => void;
    attachFormError: (el: HTMLDivElement | null) => void;
  };
  onSubmit: (event: FormEvent<HTMLFormElement>) => void | Promise<void>;
  /** Shown above the form's error message. */
  intro?: ReactNode;
  gap?: 'md' | 'lg';
  children: ReactNode;
}

/**
 * Every form's frame: the browser's own validation off (we say what went wrong next to the field), and
 * the whole-form error at the top, where focus goes after a failed submit.
 */
export function FormShell({ feedback, onSubmit, intro, gap = 'md', children }: FormShellProps) {
  const { formError, attachForm, attachFormError } = feedback;
  return (
    <form ref={attachForm} onSubmit={onSubmit} noValidate>
      <Stack gap={gap}>
        {intro}
        <FormErrorAlert message={formError} alertRef={attachFormError} />
        {children}
      </Stack>
    </form>
  );
}

interface SubmitButtonRowProps {
  submitting: boolean;
  /** The submit button's words. */
  children: ReactNode;
  size?: ButtonProps['size'];
  color?: ButtonProps['color'];
  /** When the form can be abandoned: a Cancel button beside the submit button. */
  onCancel?: () => void;
}

/** A form's submit button on a row of its own, so it keeps its natural width in the form's column. */
export function SubmitButtonRow({ submitting, children, size, color, onCancel }: SubmitButtonRowProps) {
  const { t } = useTranslation();
  const submit = (
    <Button type="submit" size={size} color={color} loading={submitting}>
      {children}
    </Button>
  );
  if (!onCancel) return <div>{submit}</div>;
  return (
    <Group gap="sm">
      {submit}
      <Button variant="default" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
    </Group>
  );
}
