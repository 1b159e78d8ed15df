import { TextInput, type TextInputProps } from '@mantine/core';

/**
 * The 6-digit code from an authenticator app or a verification message: a numeric keypad on phones,
 * the browser's offer to fill it in from the message, and no room for a seventh digit.
 */
export function OneTimeCodeField(props: TextInputProps) {
  return (
    <TextInput
      name="code"
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={6}
      className="code-input"
      {...props}
    />
  );
}

/** The same rule the server applies to these codes: exactly six digits, spaces around them ignored. */
export function isSixDigitCode(code: string): boolean {
  return /^\d{6}$/.test(code.trim());
}
