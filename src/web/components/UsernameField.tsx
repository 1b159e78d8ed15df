import { TextInput, type TextInputProps } from '@mantine/core';

/** A username input that phones neither capitalise nor spell-correct, so what is typed is what is sent. */
export function UsernameField(props: TextInputProps) {
  return <TextInput name="username" autoComplete="username" autoCapitalize="none" spellCheck={false} {...props} />;
}
