import { Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { activationRequestDetailsSchema, type PatientListItem } from '../../../../shared/front-desk.ts';
import type { WorkItem } from '../../../../shared/work-queue.ts';
import { ConfirmDialog } from '../ConfirmDialog.tsx';
import { DetailItem } from '../DetailItem.tsx';
import { ReasonForm } from './ReasonForm.tsx';
import { MatchPatientSection } from './MatchPatientSection.tsx';
import { useFormFeedback } from '../../../hooks/use-form-feedback.ts';
import { formatDate } from '../format.ts';
import { useWorkItemAction, type useIssueCodeFromRequest } from '../staff-api.ts';

/**
 * Working an activation-code request: compare what the requester typed with the record, pick the matching
 * patient and issue a code (sent to the requester's email or phone), or close it as not verified with a reason.
 */
export function ActivationRequestPanel({
  item,
  issue,
}: {
  item: WorkItem;
  issue: ReturnType<typeof useIssueCodeFromRequest>;
}) {
  const { t } = useTranslation('staff');
  const parsed = activationRequestDetailsSchema.safeParse(item.details);
  const [query, setQuery] = useState(parsed.success ? `${parsed.data.lastName} ${parsed.data.dateOfBirth}` : '');
  const [picked, setPicked] = useState<PatientListItem | null>(null);
  const [confirming, setConfirming] = useState(false);
  const feedback = useFormFeedback(['patientId'] as const);
  const { attachForm, attachFormError } = feedback;
  if (!parsed.success) return <Text c="red.9">{t('request.unreadable')}</Text>;
  const details = parsed.data;

  function handleIssue(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!picked) return feedback.showFieldErrors({ patientId: t('request.pickFirst') });
    feedback.clearErrors();
    setConfirming(true);
  }

  function handleConfirm() {
    setConfirming(false);
    if (picked) issue.mutate({ patientId: picked.id }, { onError: (err) => feedback.showApiError(err) });
  }

  const contact = [details.email, details.phone].filter(Boolean).join(' · ');
  return (
    <Stack gap="lg">
      <Paper withBorder radius="md" p="md">
        <Title order={2} size="h4" mb="sm">
          {t('request.detailsHeading')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" component="dl" className="details-list">
          <DetailItem label={t('request.name')} value={`${details.firstName} ${details.lastName}`} />
          <DetailItem label={t('request.dateOfBirth')} value={formatDate(details.dateOfBirth)} />
          <DetailItem label={t('request.email')} value={details.email ?? t('request.notGiven')} />
          <DetailItem label={t('request.phone')} value={details.phone ?? t('request.notGiven')} />
          <DetailItem label={t('request.address')} value={details.address ?? t('request.notGiven')} />
        </SimpleGrid>
      </Paper>

      <MatchPatientSection
        idPrefix="match"
        heading={t('request.matchHeading')}
        hint={t('request.matchHint')}
        query={query}
        onSearch={(q) => (setQuery(q), setPicked(null))}
        picked={picked}
        onPick={setPicked}
        attachForm={attachForm}
        attachFormError={attachFormError}
        formError={feedback.formError}
        patientIdError={feedback.fieldErrors.patientId}
        onSubmit={handleIssue}
        submitLabel={t('request.issue')}
        submitting={issue.isPending}
      />

      <DeclineForm item={item} />

      <ConfirmDialog
        opened={confirming}
        title={t('issue.confirmTitle')}
        confirmLabel={t('issue.confirm')}
        onConfirm={handleConfirm}
        onCancel={() => setConfirming(false)}
      >
        <Text>
          {t('request.confirmBody', { name: picked?.displayName ?? '', contact: contact || t('request.byPost') })}
        </Text>
        <Text size="sm" c="dimmed">
          {t('issue.confirmNote')}
        </Text>
      </ConfirmDialog>
    </Stack>
  );
}

/** Closes the request as not verified; the reason stays with the item, the requester is asked to call. */
function DeclineForm({ item }: { item: WorkItem }) {
  const { t } = useTranslation('staff');
  const action = useWorkItemAction(item.id);
  return (
    <ReasonForm
      headingId="decline-heading"
      heading={t('request.declineHeading')}
      label={t('request.reasonLabel')}
      hint={t('request.reasonHint')}
      requiredMessage={t('request.reasonRequired')}
      submitLabel={t('request.decline')}
      pending={action.isPending}
      onSubmit={(reason, onError) => action.mutate({ kind: 'decline', reason }, { onError })}
    />
  );
}
