import { Alert, Button, Group, Loader, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../hooks/use-form-feedback.ts';

interface ListStateProps {
  isPending: boolean;
  error: unknown;
  isEmpty: boolean;
  /** What to say when there is nothing to show. */
  empty: string;
  onRetry: () => void;
  children: ReactNode;
}

/** Every staff list's three other states: loading (announced), failed (with retry) and empty. */
export function ListState({ isPending, error, isEmpty, empty, onRetry, children }: ListStateProps) {
  const { t } = useTranslation('staff');
  const { t: tCommon } = useTranslation();
  if (isPending) {
    return (
      <Group role="status" gap="sm" py="md">
        <Loader size="sm" aria-hidden />
        <Text c="dimmed">{t('list.loading')}</Text>
      </Group>
    );
  }
  if (error) {
    return (
      <Alert role="alert" color="red" variant="light" title={t('list.errorTitle')}>
        <Text size="sm" mb="sm">
          {describeError(error, tCommon)}
        </Text>
        <Button size="xs" variant="light" onClick={onRetry}>
          {t('list.retry')}
        </Button>
      </Alert>
    );
  }
  if (isEmpty) {
    return (
      <Text role="status" c="dimmed" py="md">
        {empty}
      </Text>
    );
  }
  return <>{children}</>;
}
