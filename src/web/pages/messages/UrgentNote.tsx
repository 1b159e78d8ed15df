import { Box, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePortalConfig } from '../../hooks/use-portal-config.ts';

/** The FAQ's warning before anyone writes: messages are not for urgent or emergency concerns, and where to go instead. */
export function UrgentNote() {
  const { t } = useTranslation();
  const { portalName, contacts } = usePortalConfig();
  return (
    <Box component="section" aria-labelledby="urgent-note-title" className="emergency-note urgent-note">
      <Text fw={700} id="urgent-note-title">
        {t('messages.urgent.title')}
      </Text>
      <Text size="sm" mt={4}>
        {t('messages.urgent.notFor', { portalName })}
      </Text>
      <Text size="sm" fw={700} mt={4}>
        {t('messages.urgent.goTo', { urgentCare: contacts.urgentCare, emergencyNumber: contacts.emergencyNumber })}
      </Text>
    </Box>
  );
}
