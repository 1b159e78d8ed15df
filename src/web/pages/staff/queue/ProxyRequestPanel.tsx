import { Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientListItem } from '../../../../shared/front-desk.ts';
import type { WorkItem } from '../../../../shared/work-queue.ts';
import { useFormFeedback } from '../../../hooks/use-form-feedback.ts';
import { ConfirmDialog } from '../ConfirmDialog.tsx';
import { DetailItem } from '../DetailItem.tsx';
import { MatchPatientSection } from './MatchPatientSection.tsx';
import { ReasonForm } from './ReasonForm.tsx';
import { formatDate } from '../format.ts';
import { useProxyDecision } from '../staff-api.ts';
import { proxyRequestDetailsSchema } from '../../../../shared/proxy.ts';

/**
 * Working a parent's request for a child's record: compare what the parent gave with the record, pick the
 * child's record and approve (full access until the child turns 18), or deny with a reason the parent reads.
 */
export function ProxyRequestPanel({ item }: { item: WorkItem }) {
  const { t } = useTranslation('staff');
  const parsed = proxyRequestDetailsSchema.safeParse(item.details);
  const [query, setQuery] = useState(
    parsed.success ? `${parsed.data.childLastName} ${parsed.data.childDateOfBirth}` : '',
  );
  const [picked, setPicked] = useState<PatientListItem | null>(null);
  const [confirming, setConfirming] = useState(false);
  const decision = useProxyDecision(item.id);
  const feedback = useFormFeedback(['patientId'] as const);
  const { attachForm, attachFormError } = feedback;
  if (!parsed.success) return <Text c="red.9">{t('proxyRequest.unreadable')}</Text>;
  const details = parsed.data;
  const child = `${details.childFirstName} ${details.childLastName}`;
  const relationship = t(`proxyRequest.relationships.${details.relationship}`);

  function handleApprove(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!picked) return feedback.showFieldErrors({ patientId: t('proxyRequest.pickFirst') });
    feedback.clearErrors();
    setConfirming(true);
  }

  function handleConfirm() {
    setConfirming(false);
    if (picked)
      decision.mutate({ kind: 'approve', patientId: picked.id }, { onError: (err) => feedback.showApiError(err) });
  }

  return (
    <Stack gap="lg">
      <Paper withBorder radius="md" p="md">
        <Title order={2} size="h4" mb="sm">
          {t('proxyRequest.detailsHeading')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" component="dl" className="details-list">
          <DetailItem label={t('proxyRequest.requester')} value={details.requesterName} />
          <DetailItem label={t('proxyRequest.relationship')} value={relationship} />
          <DetailItem label={t('proxyRequest.child')} value={child} />
          <DetailItem label={t('proxyRequest.childDateOfBirth')} value={formatDate(details.childDateOfBirth)} />
          <DetailItem
            label={t('proxyRequest.attestation')}
            value={
              details.attestation
                ? t('proxyRequest.attested', { relationship: relationship.toLowerCase() })
                : t('proxyRequest.notAttested')
            }
          />
        </SimpleGrid>
      </Paper>

      <MatchPatientSection
        idPrefix="proxy-match"
        heading={t('proxyRequest.matchHeading')}
        hint={t('proxyRequest.matchHint')}
        query={query}
        onSearch={(q) => (setQuery(q), setPicked(null))}
        picked={picked}
        onPick={setPicked}
        attachForm={attachForm}
        attachFormError={attachFormError}
        formError={feedback.formError}
        patientIdError={feedback.fieldErrors.patientId}
        onSubmit={handleApprove}
        submitLabel={t('proxyRequest.approve')}
        submitting={decision.isPending && decision.variables?.kind === 'approve'}
      />

      <DenyForm decision={decision} />

      <ConfirmDialog
        opened={confirming}
        title={t('proxyRequest.confirmTitle')}
        confirmLabel={t('proxyRequest.confirm')}
        onConfirm={handleConfirm}
        onCancel={() => setConfirming(false)}
      >
        <Text>
          {t('proxyRequest.confirmBody', {
            parent: details.requesterName,
            child: picked?.displayName ?? child,
            relationship: relationship.toLowerCase(),
          })}
        </Text>
        <Text size="sm" c="dimmed">
          {t('proxyRequest.confirmNote')}
        </Text>
      </ConfirmDialog>
    </Stack>
  );
}

/** Denies the request with a reason; the parent reads it under "Your requests". */
function DenyForm({ decision }: { decision: ReturnType<typeof useProxyDecision> }) {
  const { t } = useTranslation('staff');
  return (
    <ReasonForm
      headingId="proxy-deny-heading"
      heading={t('proxyRequest.denyHeading')}
      label={t('proxyRequest.reasonLabel')}
      hint={t('proxyRequest.reasonHint')}
      requiredMessage={t('proxyRequest.reasonRequired')}
      submitLabel={t('proxyRequest.deny')}
      pending={decision.isPending && decision.variables?.kind === 'deny'}
      onSubmit={(reason, onError) => decision.mutate({ kind: 'deny', reason }, { onError })}
    />
  );
}
