import { Alert } from '@mantine/core';
import { useFocusOnMount } from '../hooks/use-focus-on-mount.ts';

/** What a change did, announced and focused where it happened (give it a `key` so a new change shows anew). */
export function ChangeNotice({ children }: { children: string }) {
  const ref = useFocusOnMount<HTMLDivElement>();
  return (
    <Alert ref={ref} role="status" color="green" variant="light">
      {children}
    </Alert>
  );
}
