import { Alert, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { recordDeliveryMethods, type ChartCorrectionDecision, type Thread } from '../../../../shared/messaging.ts';
import type { WorkItem } from '../../../../shared/work-queue.ts';
import { FormErrorAlert } from '../../../components/FormErrorAlert.tsx';
import { useFormFeedback } from '../../../hooks/use-form-feedback.ts';
import { usePortalConfig } from '../../../hooks/use-portal-config.ts';
import { ConfirmDialog } from '../ConfirmDialog.tsx';
import { DetailItem } from '../DetailItem.tsx';
import { formatDate, formatDateTime } from '../format.ts';
import { useInBasketAction } from './in-basket-api.ts';

/** What was decided, once it was: shown instead of the forms. */
function Outcome({ thread }: { thread: Thread }) {
  const { t } = useTranslation('staff');
  const { timeZone } = usePortalConfig();
  const { outcome } = thread;
  if (!outcome) return null;
  return (
    <Alert color="gray" variant="light" title={t(`message.decisions.${outcome.decision}`)}>
      <Stack gap={4}>
        {outcome.method && (
          <Text size="sm">
            {t('message.methodUsed', {
              method: t(`message.methods.${outcome.method}`, { defaultValue: outcome.method }),
            })}
          </Text>
        )}
        {outcome.note && (
          <Text size="sm" className="preserve-whitespace break-anywhere">
            {t('message.outcomeNote', { note: outcome.note })}
          </Text>
        )}
        <Text size="sm">{t('message.decidedAt', { when: formatDateTime(outcome.decidedAt, timeZone) })}</Text>
      </Stack>
    </Alert>
  );
}

/** A chart correction: what the patient says is wrong and what it should say; accept (the amendment noted on the record) or deny with a reason. */
export function ChartCorrectionSection({ item, thread }: { item: WorkItem; thread: Thread }) {
  const { t } = useTranslation('staff');
  const action = useInBasketAction(item.id);
  const feedback = useFormFeedback(['amendment', 'reason'] as const);
  const { attachForm, attachFormError } = feedback;
  const [amendment, setAmendment] = useState('');
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState<ChartCorrectionDecision | null>(null);
  const details = thread.chartCorrection;
  const canDecide = !thread.outcome && item.status !== 'closed' && item.actions.canClose;

  function handleAccept(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!amendment.trim()) return feedback.showFieldErrors({ amendment: t('message.amendmentRequired') });
    feedback.clearErrors();
    setConfirming({ decision: 'accepted', amendment: amendment.trim() });
  }

  function handleDeny() {
    if (!reason.trim()) return feedback.showFieldErrors({ reason: t('message.reasonRequired') });
    feedback.clearErrors();
    setConfirming({ decision: 'denied', reason: reason.trim() });
  }

  function handleConfirm() {
    const decision = confirming;
    setConfirming(null);
    if (decision)
      action.mutate({ kind: 'chart-correction', decision }, { onError: (err) => feedback.showApiError(err) });
  }

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="correction-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="correction-heading">
          {t('message.correctionHeading')}
        </Title>
        {details && (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" component="dl" className="details-list">
            <DetailItem label={t('message.whatIsWrong')} value={details.whatIsWrong} />
            <DetailItem label={t('message.shouldSay')} value={details.shouldSay} />
          </SimpleGrid>
        )}
        {canDecide && (
          <Text size="sm">
            {thread.about?.label
              ? t('message.amendmentLandsOn', { item: thread.about.label })
              : t('message.amendmentLandsOnRecord')}
          </Text>
        )}
        <Outcome thread={thread} />
        {canDecide && (
          <form ref={attachForm} onSubmit={handleAccept} noValidate>
            <Stack gap="sm">
              <FormErrorAlert message={feedback.formError} alertRef={attachFormError} />
              <Textarea
                name="amendment"
                label={t('message.amendmentLabel')}
                description={t('message.amendmentHint')}
                value={amendment}
                onChange={(e) => setAmendment(e.currentTarget.value)}
                error={feedback.fieldErrors.amendment}
                autosize
                minRows={2}
                maxLength={2000}
              />
              <Group>
                <Button
                  type="submit"
                  loading={
                    action.isPending &&
                    confirming === null &&
                    action.variables?.kind === 'chart-correction' &&
                    action.variables.decision.decision === 'accepted'
                  }
                >
                  {t('message.accept')}
                </Button>
              </Group>
              <Textarea
                name="reason"
                label={t('message.reasonLabel')}
                description={t('message.reasonHint')}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                error={feedback.fieldErrors.reason}
                autosize
                minRows={2}
                maxLength={2000}
              />
              <Group>
                <Button
                  variant="default"
                  onClick={handleDeny}
                  loading={
                    action.isPending &&
                    action.variables?.kind === 'chart-correction' &&
                    action.variables.decision.decision === 'denied'
                  }
                >
                  {t('message.deny')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
      <ConfirmDialog
        opened={confirming !== null}
        title={confirming?.decision === 'accepted' ? t('message.confirmAcceptTitle') : t('message.confirmDenyTitle')}
        confirmLabel={confirming?.decision === 'accepted' ? t('message.accept') : t('message.deny')}
        onConfirm={handleConfirm}
        onCancel={() => setConfirming(null)}
      >
        <Text>
          {confirming?.decision === 'accepted' ? t('message.confirmAcceptBody') : t('message.confirmDenyBody')}
        </Text>
        <Text size="sm" className="preserve-whitespace break-anywhere">
          {confirming?.decision === 'accepted'
            ? confirming.amendment
            : confirming?.decision === 'denied'
              ? confirming.reason
              : ''}
        </Text>
      </ConfirmDialog>
    </Paper>
  );
}

/** A medical record request: which records and dates; mark it fulfilled with how the records were sent. */
export function RecordRequestSection({ item, thread }: { item: WorkItem; thread: Thread }) {
  const { t } = useTranslation('staff');
  const action = useInBasketAction(item.id);
  const feedback = useFormFeedback(['method', 'note'] as const);
  const { attachForm, attachFormError } = feedback;
  const [method, setMethod] = useState('');
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState(false);
  const details = thread.recordRequest;
  const canFulfil = !thread.outcome && item.status !== 'closed' && item.actions.canClose;
  const methodLabel = (m: string) => t(`message.methods.${m}`, { defaultValue: m });

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!method) return feedback.showFieldErrors({ method: t('message.methodRequired') });
    feedback.clearErrors();
    setConfirming(true);
  }

  function handleConfirm() {
    setConfirming(false);
    const chosen = method as (typeof recordDeliveryMethods)[number];
    action.mutate(
      { kind: 'record-request', fulfilment: { method: chosen, ...(note.trim() ? { note: note.trim() } : {}) } },
      { onError: (err) => feedback.showApiError(err) },
    );
  }

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="records-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="records-heading">
          {t('message.recordsHeading')}
        </Title>
        {details && (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" component="dl" className="details-list">
            <DetailItem label={t('message.records')} value={details.records} />
            <DetailItem
              label={t('message.dates')}
              value={
                details.fromDate || details.toDate
                  ? t('message.dateRange', {
                      from: details.fromDate ? formatDate(details.fromDate) : t('message.anyDate'),
                      to: details.toDate ? formatDate(details.toDate) : t('message.anyDate'),
                    })
                  : t('message.allDates')
              }
            />
          </SimpleGrid>
        )}
        <Outcome thread={thread} />
        {canFulfil && (
          <form ref={attachForm} onSubmit={handleSubmit} noValidate>
            <Stack gap="sm">
              <FormErrorAlert message={feedback.formError} alertRef={attachFormError} />
              <NativeSelect
                name="method"
                label={t('message.methodLabel')}
                data={[
                  { value: '', label: t('message.chooseMethod') },
                  ...recordDeliveryMethods.map((m) => ({ value: m, label: methodLabel(m) })),
                ]}
                value={method}
                onChange={(e) => setMethod(e.currentTarget.value)}
                error={feedback.fieldErrors.method}
                description={method === 'portal' ? t('message.portalDocumentHint') : undefined}
              />
              <Textarea
                name="note"
                label={t('message.fulfilNoteLabel')}
                description={t('message.fulfilNoteHint')}
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
                error={feedback.fieldErrors.note}
                autosize
                minRows={2}
                maxLength={1000}
              />
              <Group>
                <Button type="submit" loading={action.isPending && action.variables?.kind === 'record-request'}>
                  {t('message.markFulfilled')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
      <ConfirmDialog
        opened={confirming}
        title={t('message.confirmFulfilTitle')}
        confirmLabel={t('message.markFulfilled')}
        onConfirm={handleConfirm}
        onCancel={() => setConfirming(false)}
      >
        <Text>
          {method === 'portal'
            ? t('message.confirmFulfilPortalBody')
            : t('message.confirmFulfilBody', { method: methodLabel(method).toLowerCase() })}
        </Text>
      </ConfirmDialog>
    </Paper>
  );
}
