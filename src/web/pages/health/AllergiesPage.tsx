import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Allergy } from '../../../shared/records.ts';
import { useAllergies } from '../../api/records.ts';
import { useRecordInView } from '../../session/use-record-in-view.ts';
import {
  byDateDesc,
  Details,
  EmptyList,
  HealthPageFrame,
  HealthSection,
  QueryBlock,
  RecordDate,
} from './health-parts.tsx';

/** Allergies and intolerances of the record in view, active first, then newest first: substance, reactions, severity, status. */
export function AllergiesPage() {
  const { t } = useTranslation();
  const { patientId } = useRecordInView();
  const allergies = useAllergies(patientId ?? '');
  return (
    <HealthPageFrame title={t('health.allergies.title')} intro={t('health.allergies.intro')}>
      <QueryBlock query={allergies}>
        {({ items }) => (
          <HealthSection title={t('health.allergies.listTitle')}>
            {items.length === 0 ? (
              <EmptyList>{t('health.allergies.empty')}</EmptyList>
            ) : (
              <ul className="activity-list" aria-label={t('health.allergies.listTitle')}>
                {[...items].sort(activeFirst).map((a) => (
                  <AllergyItem key={a.id} allergy={a} />
                ))}
              </ul>
            )}
          </HealthSection>
        )}
      </QueryBlock>
    </HealthPageFrame>
  );
}

const newestFirst = byDateDesc<Allergy>((a) => a.recordedDate);
function activeFirst(a: Allergy, b: Allergy): number {
  const rank = (x: Allergy) => (x.status === 'active' || x.status === null ? 0 : 1);
  return rank(a) - rank(b) || newestFirst(a, b);
}

function AllergyItem({ allergy: a }: { allergy: Allergy }) {
  const { t } = useTranslation();
  const notRecorded = t('health.notRecorded');
  return (
    <li className="activity-item">
      <Stack gap="xs">
        <Title order={3} size="h4" className="break-anywhere">
          {a.substance}
        </Title>
        <Details
          rows={[
            [t('health.allergies.reactions'), a.reactions.length > 0 ? a.reactions.join(', ') : notRecorded],
            [
              t('health.allergies.severity'),
              a.severity ? t(`health.allergies.severities.${a.severity}`, { defaultValue: a.severity }) : notRecorded,
            ],
            [
              t('health.allergies.status'),
              a.status ? t(`health.statuses.${a.status}`, { defaultValue: a.status }) : notRecorded,
            ],
            [
              t('health.allergies.category'),
              a.category ? t(`health.allergies.categories.${a.category}`, { defaultValue: a.category }) : notRecorded,
            ],
            [t('health.allergies.recorded'), <RecordDate key="r" date={a.recordedDate} />],
          ]}
          amendments={a.amendments}
        />
      </Stack>
    </li>
  );
}
