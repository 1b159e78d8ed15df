import { Alert, Button, Container, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { describeError } from '../hooks/use-form-feedback.ts';

/** A page-level loading indicator, announced to screen readers. */
export function PageLoading() {
  const { t } = useTranslation();
  return (
    <Group justify="center" py={80} role="status" gap="sm">
      <Loader size="sm" aria-hidden />
      <Text c="dimmed">{t('app.loading')}</Text>
    </Group>
  );
}

/** A page-level failure with a way to try again; a 503 (the server is up, its database is not) says it is temporary. */
export function PageLoadError({
  onRetry,
  retrying,
  error,
}: {
  onRetry: () => void;
  retrying: boolean;
  error?: unknown;
}) {
  const { t } = useTranslation();
  const temporary = error instanceof ApiError && error.status === 503;
  return (
    <PageFailureCard
      title={t('app.loadError.title')}
      body={temporary ? t('errors.temporary') : t('app.loadError.body')}
    >
      <Button onClick={onRetry} loading={retrying}>
        {t('app.loadError.retry')}
      </Button>
    </PageFailureCard>
  );
}

interface PageFailureCardProps {
  title: string;
  body: string;
  /** The way out: one button or link. */
  children: ReactNode;
}

/** A page that cannot be shown still gets its h1, so it reads as a page: what went wrong and one way out. */
export function PageFailureCard({ title, body, children }: PageFailureCardProps) {
  return (
    <Container size="sm" py={{ base: 'lg', sm: 48 }}>
      <Paper withBorder radius="md" p={{ base: 'lg', sm: 'xl' }} shadow="xs">
        <Stack gap="md" align="flex-start">
          <Title order={1} size="h2">
            {title}
          </Title>
          <Text>{body}</Text>
          {children}
        </Stack>
      </Paper>
    </Container>
  );
}

interface LoadErrorAlertProps {
  error: unknown;
  onRetry: () => void;
  retrying: boolean;
}

/** Part of a page that failed to load, announced in its place, with a way to try again; the rest of the page stays. */
export function LoadErrorAlert({ error, onRetry, retrying }: LoadErrorAlertProps) {
  const { t } = useTranslation();
  return (
    <Alert role="alert" color="red" variant="light" title={t('errors.loadTitle')}>
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{describeError(error, t)}</Text>
        <Button size="xs" variant="default" onClick={onRetry} loading={retrying}>
          {t('app.loadError.retry')}
        </Button>
      </Stack>
    </Alert>
  );
}
