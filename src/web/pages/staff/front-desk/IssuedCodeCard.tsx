import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { IssuedActivationCode } from '../../../../shared/front-desk.ts';
import { useFocusOnMount } from '../../../hooks/use-focus-on-mount.ts';
import { formatDate } from '../format.ts';

interface IssuedCodeCardProps {
  issued: IssuedActivationCode;
  patientName: string;
  /** Where the code was also sent (codes issued from a request). */
  sentTo?: { email: boolean; phone: boolean };
}

/**
 * A new activation code, shown once in large type to hand or read to the patient, with its last valid day
 * (45 days after the visit) and a reminder that it works once. Only its hash is kept, so it cannot be shown again.
 */
export function IssuedCodeCard({ issued, patientName, sentTo }: IssuedCodeCardProps) {
  const { t } = useTranslation('staff');
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const sent = sentTo && (sentTo.email || sentTo.phone);
  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: 'md', sm: 'xl' }}
      className="issued-code"
      role="region"
      aria-labelledby="issued-code-heading"
    >
      <Stack gap="sm">
        <Title order={2} size="h3" id="issued-code-heading" ref={headingRef}>
          {t('code.heading', { name: patientName })}
        </Title>
        <Text
          className="issued-code-value"
          aria-label={t('code.valueLabel', { code: issued.code.split('').join(' ') })}
        >
          {issued.code}
        </Text>
        <Text>
          {t('code.validThrough', { date: formatDate(issued.lastValidDate), visitDate: formatDate(issued.visitDate) })}
        </Text>
        <Text size="sm">{t('code.howTo')}</Text>
        {sentTo && (
          <Text size="sm">
            {sent
              ? t(`code.sent.${sentTo.email && sentTo.phone ? 'both' : sentTo.email ? 'email' : 'phone'}`)
              : t('code.sent.none')}
          </Text>
        )}
        <Text size="sm" c="dimmed">
          {t('code.onceOnly')}
        </Text>
        <Group className="no-print">
          <Button variant="light" onClick={() => window.print()}>
            {t('code.print')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
