import { Text } from '@mantine/core';

/** One term and its value in a request's details list (a `<dl>`); long values wrap anywhere. */
export function DetailItem({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0} style={{ overflowWrap: 'anywhere' }}>
        {value}
      </Text>
    </div>
  );
}
