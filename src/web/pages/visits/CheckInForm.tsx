import { Stack, Text, TextInput } from '@mantine/core';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment, CheckInForm as CheckInFormData, CheckInInput } from '../../../shared/appointments.ts';
import { ApiError } from '../../api/client.ts';
import { useCheckIn } from '../../api/visits.ts';
import { FormShell, SubmitButtonRow } from '../../components/FormShell.tsx';
import { useFormFeedback, type FieldErrors } from '../../hooks/use-form-feedback.ts';
import { EmptyList, HealthSection } from '../health/health-parts.tsx';
import { ContactSection, QuestionField, ReviewSection, type Mark } from './check-in-parts.tsx';

interface CheckInFormProps {
  form: CheckInFormData;
  patientId: string;
  onDone: (appointment: Appointment) => void;
}

/** The fields the server may name in a 400, the questions' as `answers.<linkId>`. */
function fieldsOf(form: CheckInFormData): string[] {
  return [
    'contactConfirmed',
    'medications',
    'newMedications',
    'allergies',
    'newAllergies',
    'insurance.carrier',
    'insurance.memberId',
    'insurance.groupNumber',
    ...form.questions.map((q) => `answers.${q.linkId}`),
  ];
}

/** A schema refusal says "insurance.memberId: Enter the member ID…"; next to the field, the words alone read better. */
function withoutFieldPrefix(err: unknown): unknown {
  if (!(err instanceof ApiError) || !err.field) return err;
  const prefix = `${err.field}: `;
  if (!err.message.startsWith(prefix)) return err;
  return new ApiError(err.status, err.code, err.message.slice(prefix.length), err.field);
}

const trimmed = (value: string) => value.trim() || undefined;

/**
 * The check-in form: contact details confirmed, medications and allergies marked (notes for the care team, never a
 * change to the record), the insurance card, and the questionnaire's answers. Contact and insurance are checked here;
 * the questions by the server (which knows the questionnaire's rules), whose refusal names the question.
 */
export function CheckInForm({ form, patientId, onDone }: CheckInFormProps) {
  const { t } = useTranslation();
  const fields = useMemo(() => fieldsOf(form), [form]);
  const feedback = useFormFeedback(fields);
  const checkIn = useCheckIn(patientId, form.appointmentId);
  const errors: FieldErrors<string> = feedback.fieldErrors;
  const [confirmed, setConfirmed] = useState(false);
  const [medications, setMedications] = useState<Record<string, Mark>>({});
  const [newMedications, setNewMedications] = useState('');
  const [allergies, setAllergies] = useState<Record<string, Mark>>({});
  const [newAllergies, setNewAllergies] = useState('');
  const [insurance, setInsurance] = useState({
    carrier: form.insurance?.carrier ?? '',
    memberId: form.insurance?.memberId ?? '',
    groupNumber: form.insurance?.groupNumber ?? '',
  });
  const [answers, setAnswers] = useState<Record<string, string | boolean>>({});

  const marksOf = (items: { id: string }[], marks: Record<string, Mark>) =>
    items.map((i) => ({ id: i.id, current: marks[i.id]?.current ?? true, note: trimmed(marks[i.id]?.note ?? '') }));

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (checkIn.isPending) return;
    const missing: FieldErrors<string> = {};
    if (!confirmed) missing.contactConfirmed = t('visits.checkIn.contact.confirmRequired');
    if (!insurance.carrier.trim()) missing['insurance.carrier'] = t('visits.checkIn.insurance.carrierRequired');
    if (!insurance.memberId.trim()) missing['insurance.memberId'] = t('visits.checkIn.insurance.memberIdRequired');
    if (Object.keys(missing).length > 0) return feedback.showFieldErrors(missing);
    feedback.clearErrors();
    const groupNumber = trimmed(insurance.groupNumber);
    const body: CheckInInput = {
      contactConfirmed: true,
      medications: marksOf(form.medications, medications).map(({ id, current, note }) => ({
        id,
        stillTaking: current,
        ...(note ? { note } : {}),
      })),
      allergies: marksOf(form.allergies, allergies).map(({ id, current, note }) => ({
        id,
        stillAllergic: current,
        ...(note ? { note } : {}),
      })),
      ...(trimmed(newMedications) ? { newMedications: newMedications.trim() } : {}),
      ...(trimmed(newAllergies) ? { newAllergies: newAllergies.trim() } : {}),
      insurance: {
        carrier: insurance.carrier.trim(),
        memberId: insurance.memberId.trim(),
        ...(groupNumber ? { groupNumber } : {}),
      },
      answers: Object.entries(answers)
        .filter(([, value]) => typeof value === 'boolean' || value.trim() !== '')
        .map(([linkId, value]) => ({ linkId, value: typeof value === 'string' ? value.trim() : value })),
    };
    checkIn.mutate(body, { onSuccess: onDone, onError: (err) => feedback.showApiError(withoutFieldPrefix(err)) });
  }

  const bindInsurance = (field: 'carrier' | 'memberId' | 'groupNumber') => ({
    name: `insurance.${field}`,
    value: insurance[field],
    onChange: (e: { currentTarget: { value: string } }) => {
      const value = e.currentTarget.value;
      setInsurance((v) => ({ ...v, [field]: value }));
    },
    error: errors[`insurance.${field}`],
    maxLength: field === 'carrier' ? 120 : 60,
  });

  return (
    <FormShell feedback={feedback} onSubmit={handleSubmit} gap="lg">
      <ContactSection
        contact={form.contact}
        confirmed={confirmed}
        onConfirm={setConfirmed}
        error={errors.contactConfirmed}
      />
      <ReviewSection
        kind="medications"
        items={form.medications}
        marks={medications}
        onMark={(id, mark) => setMedications((m) => ({ ...m, [id]: mark }))}
        other={newMedications}
        onOther={setNewMedications}
        error={errors.medications ?? errors.newMedications}
      />
      <ReviewSection
        kind="allergies"
        items={form.allergies}
        marks={allergies}
        onMark={(id, mark) => setAllergies((m) => ({ ...m, [id]: mark }))}
        other={newAllergies}
        onOther={setNewAllergies}
        error={errors.allergies ?? errors.newAllergies}
      />
      <HealthSection title={t('visits.checkIn.insurance.heading')}>
        <Stack gap="sm">
          <Text>{t('visits.checkIn.insurance.intro')}</Text>
          <TextInput label={t('visits.checkIn.insurance.carrier')} required {...bindInsurance('carrier')} />
          <TextInput label={t('visits.checkIn.insurance.memberId')} required {...bindInsurance('memberId')} />
          <TextInput label={t('visits.checkIn.insurance.groupNumber')} {...bindInsurance('groupNumber')} />
        </Stack>
      </HealthSection>
      <HealthSection title={t('visits.checkIn.questions.heading')}>
        {form.questions.length === 0 ? (
          <EmptyList>{t('visits.checkIn.questions.empty')}</EmptyList>
        ) : (
          <Stack gap="md">
            {form.questions.some((q) => q.required) && (
              <Text size="sm">{t('visits.checkIn.questions.requiredNote')}</Text>
            )}
            {form.questions.map((q) => (
              <QuestionField
                key={q.linkId}
                question={q}
                value={answers[q.linkId]}
                onChange={(value) => setAnswers((a) => ({ ...a, [q.linkId]: value }))}
                error={errors[`answers.${q.linkId}`]}
              />
            ))}
          </Stack>
        )}
      </HealthSection>
      <SubmitButtonRow submitting={checkIn.isPending} size="md">
        {t('visits.checkIn.finish')}
      </SubmitButtonRow>
    </FormShell>
  );
}
