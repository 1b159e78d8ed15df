import { Button, Container, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

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

/** A page-level failure with a way to try again. */
export function PageLoadError({ onRetry, retrying }: { onRetry: () => void; retrying: boolean }) {
  const { t } = useTranslation();
  return (
    <Container size="sm" py={{ base: 'lg', sm: 48 }}>
      <Paper withBorder radius="md" p={{ base: 'lg', sm: 'xl' }} shadow="xs">
        <Stack gap="md" align="flex-start">
          <Title order={1} size="h2">
            {t('app.loadError.title')}
          </Title>
          <Text>{t('app.loadError.body')}</Text>
          <Button onClick={onRetry} loading={retrying}>
            {t('app.loadError.retry')}
          </Button>
        </Stack>
      </Paper>
    </Container>
  );
}
