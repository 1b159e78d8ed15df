import { Anchor, Container, Paper, Stack, Text, Title } from '@mantine/core';
import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PhoneLink } from '../components/PhoneLink.tsx';
import { usePageTitle } from '../hooks/use-page-title.ts';
import { usePortalConfig } from '../hooks/use-portal-config.ts';
import { paths } from '../paths.ts';

interface ComingSoonPageProps {
  /** Locale key of the page's heading, e.g. `comingSoon.activationCode`. */
  titleKey: 'comingSoon.accountRecovery' | 'comingSoon.activationCode';
}

/**
 * Stands in for account pages (recovery, activation codes) that a later issue builds, at the
 * addresses those pages will have, and tells the patient how to get help meanwhile.
 */
export function ComingSoonPage({ titleKey }: ComingSoonPageProps) {
  const { t } = useTranslation();
  const { portalName, contacts } = usePortalConfig();
  const title = t(titleKey);
  usePageTitle(title);

  return (
    <Container size="sm" py={{ base: 'lg', sm: 48 }}>
      <Paper withBorder radius="md" p={{ base: 'lg', sm: 'xl' }} shadow="xs">
        <Stack gap="md" align="flex-start">
          <Title order={1} size="h2">
            {title}
          </Title>
          <Text>{t('comingSoon.body', { portalName })}</Text>
          <Text>
            <Trans
              i18nKey="comingSoon.help"
              values={{ portalName, phone: contacts.portalSupport.phone }}
              components={{ phone: <PhoneLink phone={contacts.portalSupport.phone} fw={600} /> }}
            />
          </Text>
          <Anchor component={Link} to={paths.signIn}>
            {t('comingSoon.back')}
          </Anchor>
        </Stack>
      </Paper>
    </Container>
  );
}
