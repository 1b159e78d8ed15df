import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Allergy } from '../../../shared/records.ts';
import { useAllergies } from '../../api/records.ts';
import { useRecordInView } from '../../session/use-record-in-view.ts';
import {
  byDateDesc,
  EmptyList,
  HealthPageFrame,
  HealthSection,
  QueryBlock,
  RecordItem,
  useLongDate,
} from './health-parts.tsx';

/**
 * Allergies and intolerances of the record in view, active first, then newest first, as a compact list: the
 * substance, then only what the record says — kind, status, reactions (with their severity when one is recorded) and
 * the risk of a severe reaction (FHIR criticality, which is not the severity of a reaction that happened).
 */
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
              <ul className="record-list" aria-label={t('health.allergies.listTitle')}>
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
  const longDate = useLongDate();
  const recorded = longDate(a.recordedDate);
  const facts = [
    a.category && t(`health.allergies.categories.${a.category}`, { defaultValue: a.category }),
    a.status && a.status !== 'active' && t(`health.statuses.${a.status}`, { defaultValue: a.status }),
    recorded && t('health.allergies.recordedOn', { date: recorded }),
  ];
  const reactions = a.reactions.join(', ');
  return (
    <RecordItem
      title={a.substance}
      facts={facts}
      amendments={a.amendments}
      item={{ type: 'AllergyIntolerance', id: a.id }}
    >
      {a.reactions.length > 0 && (
        <Text size="sm" className="break-anywhere">
          {a.severity
            ? t('health.allergies.reactionsWithSeverity', {
                reactions,
                severity: t(`health.allergies.severities.${a.severity}`, { defaultValue: a.severity }),
              })
            : t('health.allergies.reactionsList', { reactions })}
        </Text>
      )}
      {a.criticality && (
        <Text size="sm">
          {t('health.allergies.criticality', {
            risk: t(`health.allergies.criticalities.${a.criticality}`, { defaultValue: a.criticality }),
          })}
        </Text>
      )}
    </RecordItem>
  );
}
