import { PasswordInput, type PasswordInputProps } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A password input whose show/hide toggle is reachable by keyboard and named for screen readers.
 * Mantine's PasswordInput does not tie its error and description to the input (it renders it without
 * aria attributes), so this does: aria-invalid, and aria-describedby naming the error and the hint.
 */
export function PasswordField({ id, error, description, ...props }: PasswordInputProps) {
  const { t } = useTranslation();
  const generatedId = useId();
  const inputId = id ?? `password-${generatedId.replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const describedBy =
    [error ? `${inputId}-error` : '', description ? `${inputId}-description` : ''].filter(Boolean).join(' ') ||
    undefined;
  return (
    <PasswordInput
      id={inputId}
      error={error}
      description={description}
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy}
      visibilityToggleFocusable
      visibilityToggleButtonProps={{ 'aria-label': t('forms.showPassword') }}
      {...props}
    />
  );
}
