import { Button, Group, Radio, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffPatientView } from '../../../../shared/front-desk.ts';
import { FormErrorAlert } from '../../../components/FormErrorAlert.tsx';
import { usePortalConfig } from '../../../hooks/use-portal-config.ts';
import { ConfirmDialog } from '../ConfirmDialog.tsx';
import { useFormFeedback } from '../../../hooks/use-form-feedback.ts';
import { formatDate, formatVisitDate } from '../format.ts';
import { useIssueActivationCode } from '../staff-api.ts';
import { IssuedCodeCard } from './IssuedCodeCard.tsx';
import { visitLabel } from '../records/visit-label.ts';

const TODAY = 'today';

/**
 * Issue an activation code for a visit the code will be tied to (it works 45 days after that visit), or for today.
 * A confirmation comes first, because a new code stops any earlier unused one from working.
 */
export function IssueCodeSection({ view }: { view: StaffPatientView }) {
  const { t } = useTranslation('staff');
  const { timeZone } = usePortalConfig();
  const eligible = view.visits.filter((v) => v.codeEligible);
  const [choice, setChoice] = useState<string>(eligible[0]?.id ?? TODAY);
  const [confirming, setConfirming] = useState(false);
  const issue = useIssueActivationCode(view.patient.id);
  const feedback = useFormFeedback(['encounterId'] as const);
  const { attachForm, attachFormError } = feedback;
  const name = view.patient.displayName;

  if (issue.data) return <IssuedCodeCard issued={issue.data} patientName={name} />;

  const chosen = eligible.find((v) => v.id === choice);
  const lastValid = chosen ? chosen.lastValidDate : view.todayLastValidDate;

  function handleConfirm() {
    setConfirming(false);
    feedback.clearErrors();
    issue.mutate(choice === TODAY ? undefined : choice, { onError: (err) => feedback.showApiError(err) });
  }

  return (
    <section aria-labelledby="issue-code-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="issue-code-heading">
          {t('issue.heading')}
        </Title>
        <FormErrorAlert message={feedback.formError} alertRef={attachFormError} />
        <form ref={attachForm} onSubmit={(e) => (e.preventDefault(), setConfirming(true))} noValidate>
          <Stack gap="md">
            <Radio.Group
              label={t('issue.visitLabel')}
              description={t('issue.visitHint')}
              value={choice}
              onChange={setChoice}
              error={feedback.fieldErrors.encounterId}
            >
              <Stack gap="xs" mt="xs">
                {eligible.map((v) => (
                  <Radio
                    key={v.id}
                    value={v.id}
                    label={t('issue.visitOption', {
                      date: formatVisitDate(v.start, timeZone),
                      type: visitLabel(v, t),
                    })}
                    description={t('issue.worksThrough', { date: formatDate(v.lastValidDate) })}
                  />
                ))}
                <Radio
                  value={TODAY}
                  label={t('issue.todayOption')}
                  description={t('issue.worksThrough', { date: formatDate(view.todayLastValidDate) })}
                />
              </Stack>
            </Radio.Group>
            <Group>
              <Button type="submit" loading={issue.isPending}>
                {t('issue.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
      <ConfirmDialog
        opened={confirming}
        title={t('issue.confirmTitle')}
        confirmLabel={t('issue.confirm')}
        onConfirm={handleConfirm}
        onCancel={() => setConfirming(false)}
      >
        <Text>{t('issue.confirmBody', { name, date: formatDate(lastValid) })}</Text>
        <Text size="sm" c="dimmed">
          {t('issue.confirmNote')}
        </Text>
      </ConfirmDialog>
    </section>
  );
}
