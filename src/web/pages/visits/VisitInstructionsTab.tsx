import { List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { VisitDetail } from '../../../shared/appointments.ts';
import { EmptyList, HealthSection } from '../health/health-parts.tsx';

/** A visit's after-visit instructions: the record's care plans from it and what the care team added, in their words. */
export function VisitInstructionsTab({ visit }: { visit: VisitDetail }) {
  const { t } = useTranslation();
  if (visit.instructions.length === 0) return <EmptyList>{t('visits.visit.noInstructions')}</EmptyList>;
  return (
    <Stack gap="lg">
      {visit.instructions.map((i) => (
        <HealthSection key={i.id} title={i.title}>
          <Stack gap="xs">
            {i.text && (
              <Text className="break-anywhere" style={{ whiteSpace: 'pre-line' }}>
                {i.text}
              </Text>
            )}
            {i.activities.length > 0 && (
              <List>
                {i.activities.map((a) => (
                  <List.Item key={a}>{a}</List.Item>
                ))}
              </List>
            )}
            {i.author && (
              <Text size="sm" c="dimmed">
                {t('visits.visit.instructionsBy', { author: i.author })}
              </Text>
            )}
          </Stack>
        </HealthSection>
      ))}
    </Stack>
  );
}
