import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Amendment, PatientDocument } from '../../../shared/documents.ts';
import { documentFileHref, useDocumentCenter } from '../../api/documents.ts';
import { usePortalConfig } from '../../hooks/use-portal-config.ts';
import { paths } from '../../paths.ts';
import { useRecordInView } from '../../session/use-record-in-view.ts';
import { EmptyList, HealthPageFrame, HealthSection, QueryBlock, recordRequestPath } from './health-parts.tsx';
import { formatAmendedOn } from './ItemAmendments.tsx';

/** The Health page that holds each kind of record item an amendment can be about. */
const ITEM_PAGES: Partial<Record<NonNullable<Amendment['item']>['type'], string>> = {
  MedicationRequest: paths.health.medications,
  AllergyIntolerance: paths.health.allergies,
  Immunization: paths.health.immunizations,
  Condition: paths.health.issues,
  Procedure: paths.health.history,
};

/**
 * Health → Documents: letters and records released to the record in view, each a download, and the amendments
 * accepted chart corrections noted on the record. Ways to ask for records or a correction for those who may.
 */
export function DocumentsPage() {
  const { t } = useTranslation();
  const { patientId } = useRecordInView();
  const center = useDocumentCenter(patientId ?? '');
  return (
    <HealthPageFrame title={t('documents.title')} intro={t('documents.intro')}>
      <QueryBlock query={center}>
        {({ documents, amendments, canAsk }) => (
          <>
            <HealthSection title={t('documents.listTitle')}>
              <Stack gap="md">
                {documents.length === 0 ? (
                  <EmptyList>{t('documents.empty')}</EmptyList>
                ) : (
                  <ul className="activity-list" aria-label={t('documents.listTitle')}>
                    {documents.map((d) => (
                      <DocumentItem key={d.id} document={d} patientId={patientId ?? ''} />
                    ))}
                  </ul>
                )}
                {canAsk && (
                  <Group>
                    <Button component={Link} to={recordRequestPath} variant="light">
                      {t('documents.askForRecords')}
                    </Button>
                  </Group>
                )}
              </Stack>
            </HealthSection>
            <HealthSection title={t('documents.amendmentsTitle')}>
              <Stack gap="md">
                {amendments.length === 0 ? (
                  <EmptyList>{t('documents.amendmentsEmpty')}</EmptyList>
                ) : (
                  <ul className="activity-list" aria-label={t('documents.amendmentsTitle')}>
                    {amendments.map((a) => (
                      <AmendmentItem key={a.id} amendment={a} />
                    ))}
                  </ul>
                )}
                <Text size="sm">{t('documents.amendmentsHint')}</Text>
              </Stack>
            </HealthSection>
          </>
        )}
      </QueryBlock>
    </HealthPageFrame>
  );
}

function DocumentItem({ document: d, patientId }: { document: PatientDocument; patientId: string }) {
  const { t, i18n } = useTranslation();
  const { timeZone } = usePortalConfig();
  const released = formatAmendedOn(d.releasedAt, i18n.language, timeZone);
  const kind = t(`documents.kinds.${d.kind}`);
  return (
    <li className="activity-item">
      <Stack gap={4}>
        <Title order={3} size="h4" className="break-anywhere">
          {kind}
        </Title>
        <Text size="sm">
          {t('documents.released', { date: released })}
          {' · '}
          {t('documents.pdfSize', { size: sizeInWords(d.size, i18n.language) })}
        </Text>
        <Group>
          <Button
            component="a"
            href={documentFileHref(patientId, d.id)}
            download={d.fileName}
            variant="light"
            aria-label={t('documents.downloadNamed', { kind, date: released })}
          >
            {t('documents.download')}
          </Button>
        </Group>
      </Stack>
    </li>
  );
}

function AmendmentItem({ amendment: a }: { amendment: Amendment }) {
  const { t, i18n } = useTranslation();
  const { timeZone } = usePortalConfig();
  const page = a.item ? ITEM_PAGES[a.item.type] : undefined;
  const label = a.item?.label ?? t('documents.anItem');
  return (
    <li className="activity-item">
      <Stack gap={4}>
        <Title order={3} size="h4" className="break-anywhere">
          {a.item ? label : t('documents.yourRecord')}
        </Title>
        <Text size="sm" fw={600}>
          {t('documents.amendedOn', { date: formatAmendedOn(a.amendedAt, i18n.language, timeZone) })}
        </Text>
        <Text className="break-anywhere">{a.text}</Text>
        {page && (
          <Anchor component={Link} to={page} size="sm">
            {t(`documents.seeOn.${a.item!.type}`)}
          </Anchor>
        )}
      </Stack>
    </li>
  );
}

/** A file size people read ("84 KB"). */
function sizeInWords(bytes: number, language: string): string {
  const kb = Math.max(1, Math.round(bytes / 1024));
  return kb < 1024
    ? `${new Intl.NumberFormat(language).format(kb)} KB`
    : `${new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(kb / 1024)} MB`;
}
