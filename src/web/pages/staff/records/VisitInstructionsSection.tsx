import { Button, NativeSelect, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffPatientView } from '../../../../shared/front-desk.ts';
import { FormErrorAlert } from '../../../components/FormErrorAlert.tsx';
import { useFormFeedback, type FieldErrors } from '../../../hooks/use-form-feedback.ts';
import { usePortalConfig } from '../../../hooks/use-portal-config.ts';
import { formatVisitDate } from '../format.ts';
import { useAddVisitInstructions } from './records-staff-api.ts';
import { visitLabel } from './visit-label.ts';

const fields = ['encounterId', 'title', 'text'] as const;
type Field = (typeof fields)[number];

/**
 * Discharge instructions or an after-visit summary for one of the patient's visits, when the record system sent
 * none: the patient reads them under Health → Visit instructions, with the author's name.
 */
export function VisitInstructionsSection({ view }: { view: StaffPatientView }) {
  const { t } = useTranslation('staff');
  const { timeZone } = usePortalConfig();
  const add = useAddVisitInstructions(view.patient.id);
  const feedback = useFormFeedback(fields);
  const { attachForm, attachFormError } = feedback;
  const [values, setValues] = useState<Record<Field, string>>({ encounterId: '', title: '', text: '' });
  const [added, setAdded] = useState<string | null>(null);
  const bind = (field: Field) => ({
    name: field,
    value: values[field],
    onChange: (e: { currentTarget: { value: string } }) => {
      const value = e.currentTarget.value;
      setValues((v) => ({ ...v, [field]: value }));
    },
    error: feedback.fieldErrors[field],
  });

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (add.isPending) return;
    const errors: FieldErrors<Field> = {};
    if (!values.encounterId) errors.encounterId = t('visitInstructions.chooseVisit');
    if (!values.title.trim()) errors.title = t('visitInstructions.titleRequired');
    if (!values.text.trim()) errors.text = t('visitInstructions.textRequired');
    if (Object.keys(errors).length > 0) return feedback.showFieldErrors(errors);
    feedback.clearErrors();
    const title = values.title.trim();
    add.mutate(
      { encounterId: values.encounterId, title, text: values.text },
      {
        onSuccess: () => {
          setAdded(title);
          setValues({ encounterId: '', title: '', text: '' });
        },
        onError: (err) => feedback.showApiError(err),
      },
    );
  }

  const visitOptions = [
    { value: '', label: t('visitInstructions.visitPlaceholder') },
    ...view.visits.map((v) => ({
      value: v.id,
      label: `${formatVisitDate(v.start, timeZone)} · ${visitLabel(v, t)}`,
    })),
  ];

  return (
    <section aria-labelledby="visit-instructions-heading">
      <Title order={2} size="h3" id="visit-instructions-heading" mb="xs">
        {t('visitInstructions.heading')}
      </Title>
      {view.visits.length === 0 ? (
        <Text>{t('visitInstructions.noVisits')}</Text>
      ) : (
        <form ref={attachForm} onSubmit={handleSubmit} noValidate>
          <Stack gap="sm">
            <Text size="sm">{t('visitInstructions.intro')}</Text>
            <FormErrorAlert message={feedback.formError} alertRef={attachFormError} />
            {added && (
              <Text role="status" size="sm" fw={600}>
                {t('visitInstructions.added', { title: added })}
              </Text>
            )}
            <NativeSelect label={t('visitInstructions.visit')} data={visitOptions} {...bind('encounterId')} />
            <TextInput label={t('visitInstructions.title')} maxLength={200} {...bind('title')} />
            <Textarea
              label={t('visitInstructions.text')}
              description={t('visitInstructions.textHint')}
              autosize
              minRows={4}
              maxLength={10_000}
              {...bind('text')}
            />
            <div>
              <Button type="submit" loading={add.isPending}>
                {t('visitInstructions.submit')}
              </Button>
            </div>
          </Stack>
        </form>
      )}
    </section>
  );
}
