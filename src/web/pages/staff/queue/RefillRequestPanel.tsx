import { Button, Group, Paper, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkItem } from '../../../../shared/work-queue.ts';
import { FormErrorAlert } from '../../../components/FormErrorAlert.tsx';
import { useFormFeedback } from '../../../hooks/use-form-feedback.ts';
import { usePortalConfig } from '../../../hooks/use-portal-config.ts';
import { ConfirmDialog } from '../ConfirmDialog.tsx';
import { DetailItem } from '../DetailItem.tsx';
import { formatDateTime } from '../format.ts';
import { useRefillDecision } from '../records/records-staff-api.ts';
import { useSignedInSession } from '../../../components/RequireSession.tsx';

interface RefillDetails {
  medication: string;
  pharmacy: string;
  comment: string | null;
  requestedBy: string;
}

function refillDetails(item: WorkItem): RefillDetails {
  const d = item.details as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && v ? v : null);
  return {
    medication: text(d.medication) ?? '',
    pharmacy: text(d.pharmacy) ?? '',
    comment: text(d.comment),
    requestedBy: text(d.requestedBy) ?? '',
  };
}

/**
 * Working a refill request: the medication, pharmacy, the patient's comment, who asked and for whom, and when it is
 * due; Approve, or Deny with the reason the patient reads — each after a confirmation, as the patient is told at once.
 */
/** Refill decisions are clinical: clinicians and nurses (the server allows only these). */
const REFILL_DECISION_ROLES = ['clinician', 'nurse'];

export function RefillRequestPanel({ item }: { item: WorkItem }) {
  const { t } = useTranslation('staff');
  const { timeZone } = usePortalConfig();
  const d = refillDetails(item);
  const open = item.status !== 'closed';
  const role = useSignedInSession().account.staffRole ?? '';
  return (
    <Stack gap="lg">
      <Paper withBorder radius="md" p="md">
        <Stack gap="xs">
          <Title order={2} size="h4" className="break-anywhere">
            {t('refill.heading', { medication: d.medication })}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" component="dl" className="details-list">
            <DetailItem label={t('refill.medication')} value={d.medication} />
            <DetailItem label={t('refill.pharmacy')} value={d.pharmacy} />
            <DetailItem label={t('refill.comment')} value={d.comment ?? t('refill.noComment')} />
            <DetailItem label={t('refill.requestedBy')} value={d.requestedBy} />
            <DetailItem label={t('refill.patient')} value={item.patient?.displayName ?? t('queue.unknownPatient')} />
            <DetailItem label={t('refill.requestedAt')} value={formatDateTime(item.createdAt, timeZone)} />
            <DetailItem label={t('refill.due')} value={formatDateTime(item.dueAt, timeZone)} />
          </SimpleGrid>
        </Stack>
      </Paper>
      {open &&
        (item.actions.canClose && REFILL_DECISION_ROLES.includes(role) ? (
          <RefillDecisionForm item={item} medication={d.medication} />
        ) : (
          <Text>{t('refill.cannotWork')}</Text>
        ))}
    </Stack>
  );
}

function RefillDecisionForm({ item, medication }: { item: WorkItem; medication: string }) {
  const { t } = useTranslation('staff');
  const decide = useRefillDecision(item.id);
  const feedback = useFormFeedback(['reason'] as const);
  const { attachForm, attachFormError } = feedback;
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState<'approved' | 'denied' | null>(null);
  const patient = item.patient?.displayName ?? t('queue.unknownPatient');

  function handleDeny() {
    if (!reason.trim()) return feedback.showFieldErrors({ reason: t('refill.reasonRequired') });
    feedback.clearErrors();
    setConfirming('denied');
  }

  function handleConfirm() {
    const decision = confirming;
    setConfirming(null);
    if (!decision || decide.isPending) return;
    decide.mutate(decision === 'approved' ? { decision } : { decision, reason: reason.trim() }, {
      onError: (err) => feedback.showApiError(err),
    });
  }

  return (
    <section aria-labelledby="refill-decision-heading">
      <Title order={2} size="h4" id="refill-decision-heading" mb="xs">
        {t('refill.decisionHeading')}
      </Title>
      <form ref={attachForm} noValidate onSubmit={(e) => e.preventDefault()}>
        <Stack gap="sm">
          <FormErrorAlert message={feedback.formError} alertRef={attachFormError} />
          <Text size="sm">{t('refill.decisionHint')}</Text>
          <Textarea
            name="reason"
            label={t('refill.reasonLabel')}
            description={t('refill.reasonHint')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={feedback.fieldErrors.reason}
            autosize
            minRows={2}
            maxLength={1000}
          />
          <Group gap="sm" wrap="wrap">
            <Button
              onClick={() => setConfirming('approved')}
              loading={decide.isPending && decide.variables?.decision === 'approved'}
              disabled={decide.isPending}
            >
              {t('refill.approve')}
            </Button>
            <Button
              color="red"
              variant="light"
              onClick={handleDeny}
              loading={decide.isPending && decide.variables?.decision === 'denied'}
              disabled={decide.isPending}
            >
              {t('refill.deny')}
            </Button>
          </Group>
        </Stack>
      </form>
      <ConfirmDialog
        opened={confirming !== null}
        title={confirming === 'denied' ? t('refill.confirmDenyTitle') : t('refill.confirmApproveTitle')}
        confirmLabel={confirming === 'denied' ? t('refill.confirmDeny') : t('refill.confirmApprove')}
        onConfirm={handleConfirm}
        onCancel={() => setConfirming(null)}
      >
        <Text>
          {confirming === 'denied'
            ? t('refill.confirmDenyBody', { medication, patient, reason: reason.trim() })
            : t('refill.confirmApproveBody', { medication, patient })}
        </Text>
      </ConfirmDialog>
    </section>
  );
}
