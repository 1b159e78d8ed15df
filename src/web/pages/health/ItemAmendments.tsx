import { Box, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ItemAmendment } from '../../../shared/documents.ts';
import { usePortalConfig } from '../../hooks/use-portal-config.ts';

/** The day of a moment in the organisation's zone, as the language writes a long date ("December 2, 2026"). */
export function formatAmendedOn(iso: string, language: string, timeZone: string): string {
  return new Intl.DateTimeFormat(language, { timeZone, year: 'numeric', month: 'long', day: 'numeric' }).format(
    new Date(iso),
  );
}

/**
 * Accepted chart corrections noted on a record item, under the item they correct: "Amended December 2, 2026: …".
 * Renders nothing for an item without amendments.
 */
export function ItemAmendments({ amendments }: { amendments: readonly ItemAmendment[] | undefined }) {
  const { t, i18n } = useTranslation();
  const { timeZone } = usePortalConfig();
  if (!amendments?.length) return null;
  return (
    <Stack gap={4} className="item-amendments">
      {amendments.map((a) => (
        <Box key={a.id} className="item-amendment">
          <Text size="sm" className="break-anywhere">
            <Text span fw={700} size="sm">
              {t('documents.amendedOn', { date: formatAmendedOn(a.amendedAt, i18n.language, timeZone) })}
            </Text>{' '}
            {a.text}
          </Text>
        </Box>
      ))}
    </Stack>
  );
}
