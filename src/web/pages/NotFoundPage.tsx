import { Anchor, Container, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../hooks/use-page-title.ts';
import { paths } from '../paths.ts';

/** Any address the app does not know. The server answers such paths with the app, so this page says so. */
export function NotFoundPage() {
  const { t } = useTranslation();
  const title = t('notFound.title');
  usePageTitle(title);

  return (
    <Container size="sm" py={{ base: 'lg', sm: 48 }}>
      <Paper withBorder radius="md" p={{ base: 'lg', sm: 'xl' }} shadow="xs">
        <Stack gap="md" align="flex-start">
          <Title order={1} size="h2">
            {title}
          </Title>
          <Text>{t('notFound.body')}</Text>
          <Anchor component={Link} to={paths.signIn}>
            {t('notFound.home')}
          </Anchor>
        </Stack>
      </Paper>
    </Container>
  );
}
