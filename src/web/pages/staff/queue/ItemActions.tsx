import { Button, Group, NativeSelect, Stack, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { workItemTypes, type WorkItem, type WorkItemType } from '../../../../shared/work-queue.ts';
import { FormErrorAlert } from '../../../components/FormErrorAlert.tsx';
import { useFormFeedback } from '../../../hooks/use-form-feedback.ts';
import { useAssignees, useWorkItemAction } from '../staff-api.ts';

/** Claim, put back, hand to a colleague: only the buttons the server says will work. */
export function ItemActions({ item }: { item: WorkItem }) {
  const { t } = useTranslation('staff');
  const action = useWorkItemAction(item.id);
  const feedback = useFormFeedback(['assigneeId'] as const);
  const { attachForm, attachFormError } = feedback;
  const assignees = useAssignees(item.id, item.actions.canAssign);
  const [assignee, setAssignee] = useState<string | null>(null);
  const { actions } = item;
  if (!actions.canClaim && !actions.canRelease && !actions.canAssign) return null;

  const run = (a: Parameters<typeof action.mutate>[0]) =>
    action.mutate(a, { onError: (err) => feedback.showApiError(err), onSuccess: () => feedback.clearErrors() });

  function handleAssign(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!assignee) return feedback.showFieldErrors({ assigneeId: t('item.chooseColleague') });
    run({ kind: 'assign', assigneeId: assignee });
  }

  return (
    <Stack gap="sm">
      <FormErrorAlert message={feedback.formError} alertRef={attachFormError} />
      <Group gap="sm" wrap="wrap">
        {actions.canClaim && (
          <Button onClick={() => run({ kind: 'claim' })} loading={action.isPending}>
            {t('queue.claim')}
          </Button>
        )}
        {actions.canRelease && (
          <Button variant="default" onClick={() => run({ kind: 'release' })} loading={action.isPending}>
            {t('item.release')}
          </Button>
        )}
      </Group>
      {actions.canAssign && (
        <form ref={attachForm} onSubmit={handleAssign} noValidate>
          <Group align="flex-end" gap="sm" wrap="wrap">
            <NativeSelect
              label={t('item.assignLabel')}
              data={[
                { value: '', label: assignees.isPending ? t('list.loading') : t('item.assignPlaceholder') },
                ...(assignees.data?.assignees ?? []).map((a) => ({ value: a.id, label: a.displayName })),
              ]}
              value={assignee ?? ''}
              onChange={(e) => setAssignee(e.currentTarget.value || null)}
              error={feedback.fieldErrors.assigneeId}
              style={{ flex: '1 1 14rem' }}
            />
            <Button type="submit" variant="light" loading={action.isPending}>
              {t('item.assign')}
            </Button>
          </Group>
        </form>
      )}
    </Stack>
  );
}

/** Close with one of the outcomes the item's type allows by hand, and a note the patient will see. */
export function CloseItemForm({ item }: { item: WorkItem }) {
  const { t } = useTranslation('staff');
  const action = useWorkItemAction(item.id);
  const feedback = useFormFeedback(['outcome', 'note'] as const);
  const { attachForm, attachFormError } = feedback;
  const outcomes: readonly string[] = workItemTypes[item.type as WorkItemType]?.manualOutcomes ?? [];
  const [outcome, setOutcome] = useState<string | null>(null);
  const [note, setNote] = useState('');
  if (!item.actions.canClose || outcomes.length === 0) return null;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!outcome) return feedback.showFieldErrors({ outcome: t('item.chooseOutcome') });
    action.mutate(
      { kind: 'close', body: { outcome, ...(note.trim() ? { note: note.trim() } : {}) } },
      { onError: (err) => feedback.showApiError(err) },
    );
  }

  return (
    <section aria-labelledby="close-heading">
      <Title order={2} size="h4" id="close-heading" mb="xs">
        {t('item.closeHeading')}
      </Title>
      <form ref={attachForm} onSubmit={handleSubmit} noValidate>
        <Stack gap="sm">
          <FormErrorAlert message={feedback.formError} alertRef={attachFormError} />
          <NativeSelect
            label={t('item.outcomeLabel')}
            data={[
              { value: '', label: t('item.chooseOutcomePlaceholder') },
              ...outcomes.map((o) => ({ value: o, label: t(`outcomes.${o}`, { defaultValue: o }) })),
            ]}
            value={outcome ?? ''}
            onChange={(e) => setOutcome(e.currentTarget.value || null)}
            error={feedback.fieldErrors.outcome}
          />
          <Textarea
            label={t('item.noteLabel')}
            description={t('item.noteHint')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={feedback.fieldErrors.note}
            autosize
            minRows={2}
            maxLength={1000}
          />
          <Group>
            <Button type="submit" variant="default" loading={action.isPending}>
              {t('item.close')}
            </Button>
          </Group>
        </Stack>
      </form>
    </section>
  );
}
