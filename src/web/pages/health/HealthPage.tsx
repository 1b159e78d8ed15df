import { Anchor, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../../paths.ts';
import { HealthPageFrame } from './health-parts.tsx';

/** The Health pages in the FAQ's order, each with a line that says what it holds. */
export const healthPages = [
  { key: 'results', to: paths.health.results },
  { key: 'medications', to: paths.health.medications },
  { key: 'allergies', to: paths.health.allergies },
  { key: 'immunizations', to: paths.health.immunizations },
  { key: 'issues', to: paths.health.issues },
  { key: 'history', to: paths.health.history },
  { key: 'visits', to: paths.health.visitInstructions },
  { key: 'documents', to: paths.health.documents },
] as const;

/** Health: the way into the record in view's test results, medications, allergies, immunizations, health issues, history and visit instructions. */
export function HealthPage() {
  const { t } = useTranslation();
  return (
    <HealthPageFrame title={t('health.title')} intro={t('health.intro')} backLink={false}>
      <nav aria-label={t('health.navLabel')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" component="ul" className="plain-list">
          {healthPages.map((p) => (
            <Paper key={p.key} component="li" withBorder radius="md" p="md" shadow="xs">
              <Stack gap={4}>
                <Anchor component={Link} to={p.to} fw={700} size="lg">
                  {t(`health.${p.key}.title`)}
                </Anchor>
                <Text size="sm">{t(`health.${p.key}.summary`)}</Text>
              </Stack>
            </Paper>
          ))}
        </SimpleGrid>
      </nav>
    </HealthPageFrame>
  );
}
