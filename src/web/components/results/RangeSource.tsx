import './result-strings.ts';
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReferenceRange } from '../../../shared/results.ts';
import { usePortalConfig } from '../../hooks/use-portal-config.ts';

/** Where a range came from, in words: the laboratory, or the organisation's own reference table. */
export function RangeSource({ range }: { range: ReferenceRange }) {
  const { t } = useTranslation();
  const { organisationName } = usePortalConfig();
  return (
    <Text component="span" size="xs" c="dimmed" display="block">
      {range.source === 'result'
        ? t('resultValues.rangeFromResult')
        : t('resultValues.rangeFromOrganisation', { organisationName })}
    </Text>
  );
}
