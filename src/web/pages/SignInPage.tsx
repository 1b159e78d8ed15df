import { Alert, Anchor, Box, Button, Container, List, Paper, PasswordInput, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../hooks/use-page-title.ts';
import { usePortalConfig } from '../hooks/use-portal-config.ts';
import { paths } from '../paths.ts';

/** What the portal offers, from the FAQ's "What is <portal>?" list; shown beside the form. */
const featureKeys = ['records', 'visits', 'results', 'messages', 'proxy', 'billing'] as const;

/**
 * The home page: the sign-in form. Accounts arrive in a later issue, so submitting only says,
 * politely and next to the form, that signing in is not available yet.
 */
export function SignInPage() {
  const { t } = useTranslation();
  const { portalName, organisationName, contacts } = usePortalConfig();
  const [showNotAvailable, setShowNotAvailable] = useState(false);
  usePageTitle(t('signIn.title'));

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setShowNotAvailable(true);
  }

  return (
    <Container size="lg" py={{ base: 'lg', sm: 48 }}>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing={{ base: 'xl', md: 64 }}>
        <Paper withBorder radius="md" p={{ base: 'lg', sm: 'xl' }} shadow="xs" className="sign-in-card">
          <Stack gap="lg">
            <Box>
              <Title order={1} size="h2">
                {t('signIn.heading', { portalName })}
              </Title>
              <Text c="dimmed" mt="xs">
                {t('signIn.intro', { organisationName })}
              </Text>
            </Box>

            <form onSubmit={handleSubmit} noValidate>
              <Stack gap="md">
                <TextInput label={t('signIn.username')} name="username" autoComplete="username" autoCapitalize="none" spellCheck={false} size="md" />
                <PasswordInput
                  label={t('signIn.password')}
                  name="password"
                  autoComplete="current-password"
                  size="md"
                  visibilityToggleFocusable
                  visibilityToggleButtonProps={{ 'aria-label': t('signIn.showPassword') }}
                />
                <div role="status">
                  {showNotAvailable && (
                    <Alert role="note" color="blue" variant="light" title={t('signIn.notAvailableTitle')}>
                      {t('signIn.notAvailableBody', { portalName, phone: contacts.portalSupport.phone })}
                    </Alert>
                  )}
                </div>
                <Button type="submit" size="md" fullWidth>
                  {t('signIn.submit')}
                </Button>
              </Stack>
            </form>

            <Stack gap={6}>
              <Anchor component={Link} to={paths.accountRecovery} size="sm">
                {t('signIn.forgot')}
              </Anchor>
              <Text size="sm">
                {t('signIn.newHere', { portalName })}{' '}
                <Anchor component={Link} to={paths.activationCode} inherit>
                  {t('signIn.requestCode')}
                </Anchor>
              </Text>
            </Stack>
          </Stack>
        </Paper>

        <Box className="sign-in-features">
          <Title order={2} size="h3">
            {t('signIn.featuresHeading', { portalName })}
          </Title>
          <List spacing="sm" mt="md" className="feature-list">
            {featureKeys.map((key) => (
              <List.Item key={key}>{t(`signIn.features.${key}`, { organisationName })}</List.Item>
            ))}
          </List>
        </Box>
      </SimpleGrid>
    </Container>
  );
}
