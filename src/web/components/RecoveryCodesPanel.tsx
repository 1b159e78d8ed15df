import { Alert, Button, Group, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFocusOnMount } from '../hooks/use-focus-on-mount.ts';

interface RecoveryCodesPanelProps {
  codes: string[];
  /** The file name's subject, e.g. the portal's name. */
  portalName: string;
  onSaved: () => void;
  headingOrder?: 2 | 3;
}

/**
 * The recovery codes, shown once: each signs in one time when the phone with the authenticator app is
 * lost. Offered as a text file too, and the person confirms they saved them before moving on.
 */
export function RecoveryCodesPanel({ codes, portalName, onSaved, headingOrder = 2 }: RecoveryCodesPanelProps) {
  const { t } = useTranslation();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();

  function handleDownload() {
    const text = [
      t('recoveryCodes.fileHeading', { portalName }),
      '',
      ...codes,
      '',
      t('recoveryCodes.fileNote'),
      '',
    ].join('\n');
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = t('recoveryCodes.fileName');
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  return (
    <Stack gap="md">
      <Title order={headingOrder} size="h4" ref={headingRef}>
        {t('recoveryCodes.heading')}
      </Title>
      <Text>{t('recoveryCodes.intro')}</Text>
      <Alert color="yellow" variant="light" title={t('recoveryCodes.onceTitle')}>
        {t('recoveryCodes.once')}
      </Alert>
      <List className="recovery-codes" listStyleType="none" aria-label={t('recoveryCodes.listLabel')}>
        {codes.map((code) => (
          <List.Item key={code}>
            <code>{code}</code>
          </List.Item>
        ))}
      </List>
      <Group gap="sm">
        <Button variant="default" onClick={handleDownload}>
          {t('recoveryCodes.download')}
        </Button>
        <Button onClick={onSaved}>{t('recoveryCodes.saved')}</Button>
      </Group>
    </Stack>
  );
}
