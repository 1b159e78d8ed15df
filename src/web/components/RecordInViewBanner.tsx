import { Alert, Box, Button, Container, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { RecordItem } from '../../shared/proxy.ts';
import { formatCalendarDate } from '../format.ts';
import { paths } from '../paths.ts';
import { useLostAccessWatcher, useRecordInView } from '../session/use-record-in-view.ts';
import { focusPageHeading } from './RecordSwitcher.tsx';

/**
 * On every signed-in patient page: while the record in view is someone else's, a banner that says whose it
 * is, that what is done here is done for them, whether the access is view-only and when it ends, with a way
 * back to the own record. When that access ends (revoked, or the child turned 18), a note says why the page
 * went back to the own record.
 */
export function RecordInViewBanner() {
  useLostAccessWatcher();
  const { isOwn, record, lost, backToOwn, dismissLost } = useRecordInView();
  const navigate = useNavigate();

  function handleBack() {
    backToOwn();
    navigate(paths.home);
    window.setTimeout(() => focusPageHeading(), 0);
  }

  return (
    <>
      {lost && <LostAccessNote name={lost.displayName} onDismiss={dismissLost} />}
      {!isOwn && record && <ProxyBanner record={record} onBack={handleBack} />}
    </>
  );
}

function ProxyBanner({ record, onBack }: { record: RecordItem; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const name = record.displayName;
  return (
    <Box component="section" aria-label={t('recordInView.bannerLabel')} className="record-banner">
      <Container size="lg" px={{ base: 'sm', sm: 'md' }} py="sm">
        <div className="record-banner-inner">
          <Stack gap={4}>
            <Text fw={700}>
              {record.relationship
                ? t('recordInView.bannerTitleAs', { name, relationship: record.relationship })
                : t('recordInView.bannerTitle', { name })}
            </Text>
            <Text size="sm">{t('recordInView.bannerBody', { name })}</Text>
            {record.level === 'view_only' && <Text size="sm">{t('recordInView.bannerViewOnly')}</Text>}
            {record.accessEndsOn && (
              <Text size="sm">
                {t('recordInView.bannerEnds', { name, date: formatCalendarDate(record.accessEndsOn, i18n.language) })}
              </Text>
            )}
          </Stack>
          <Button variant="white" color="dark" className="record-banner-button" onClick={onBack}>
            {t('recordInView.backToMine')}
          </Button>
        </div>
      </Container>
    </Box>
  );
}

function LostAccessNote({ name, onDismiss }: { name: string | null; onDismiss: () => void }) {
  const { t } = useTranslation();
  return (
    <Container size="lg" px={{ base: 'sm', sm: 'md' }} pt="md">
      <Alert role="status" color="blue" variant="light" title={t('recordInView.lostTitle')}>
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{name ? t('recordInView.lostNamed', { name }) : t('recordInView.lostUnnamed')}</Text>
          <Button size="xs" variant="default" onClick={onDismiss}>
            {t('recordInView.dismiss')}
          </Button>
        </Stack>
      </Alert>
    </Container>
  );
}
