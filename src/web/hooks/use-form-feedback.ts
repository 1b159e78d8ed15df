import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/**
 * A form's error state: messages next to named fields, or one message for the whole form. After each
 * failed submit, focus moves to the form's message, or else to the first invalid field, so keyboard and
 * screen-reader users land on what went wrong.
 * `fields` are the request's property names; the server names them too (`field`, maybe prefixed `body.`).
 */
export function useFormFeedback<F extends string>(fields: readonly F[]) {
  const { t } = useTranslation();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors<F>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const formElement = useRef<HTMLFormElement | null>(null);
  const formErrorElement = useRef<HTMLDivElement | null>(null);
  // Callback refs, so that components can pass them on while rendering.
  const attachForm = useCallback((el: HTMLFormElement | null) => {
    formElement.current = el;
  }, []);
  const attachFormError = useCallback((el: HTMLDivElement | null) => {
    formErrorElement.current = el;
  }, []);

  useEffect(() => {
    if (attempt === 0) return;
    if (formErrorElement.current) {
      formErrorElement.current.focus();
      return;
    }
    formElement.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);

  const showFieldErrors = useCallback((errors: FieldErrors<F>) => {
    setFormError(null);
    setFieldErrors(errors);
    setAttempt((n) => n + 1);
  }, []);

  const showFormError = useCallback((message: string) => {
    setFieldErrors({});
    setFormError(message);
    setAttempt((n) => n + 1);
  }, []);

  /** Shows a failed request's message next to the field it names, or at the top of the form. */
  const showApiError = useCallback(
    (err: unknown) => {
      const field = err instanceof ApiError && err.field ? err.field.replace(/^body\./, '') : undefined;
      if (err instanceof ApiError && field && (fields as readonly string[]).includes(field)) {
        showFieldErrors({ [field]: err.message } as FieldErrors<F>);
        return;
      }
      showFormError(describeError(err, t));
    },
    [fields, showFieldErrors, showFormError, t],
  );

  const clearErrors = useCallback(() => {
    setFieldErrors({});
    setFormError(null);
  }, []);

  return {
    fieldErrors,
    formError,
    attachForm,
    attachFormError,
    showFieldErrors,
    showFormError,
    showApiError,
    clearErrors,
  };
}

/** The words for a failure: the server's message, or ours when there was no usable reply. */
export function describeError(err: unknown, t: (key: string) => string): string {
  if (err instanceof ApiError) {
    if (err.code === 'network_error') return t('errors.network');
    if (err.status === 503) return t('errors.temporary'); // the database is unavailable or the deadline passed
    if (err.code === 'bad_response' || err.status >= 500) return t('errors.unexpected');
    return err.message;
  }
  return t('errors.unexpected');
}
