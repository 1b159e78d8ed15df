import { Anchor, Checkbox, Group, Radio, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CheckInForm, CheckInQuestion } from '../../../shared/appointments.ts';
import { paths } from '../../paths.ts';
import { Details, EmptyList, HealthSection } from '../health/health-parts.tsx';

/** A medication's or allergy's mark: still current or not, and a note for the care team. */
export interface Mark {
  current: boolean;
  note: string;
}

interface ContactSectionProps {
  contact: CheckInForm['contact'];
  confirmed: boolean;
  onConfirm: (confirmed: boolean) => void;
  error: string | undefined;
}

/** 1. What the clinic has on file, "These details are correct" (required), and where to change them. */
export function ContactSection({ contact, confirmed, onConfirm, error }: ContactSectionProps) {
  const { t } = useTranslation();
  const none = t('visits.checkIn.contact.none');
  return (
    <HealthSection title={t('visits.checkIn.contact.heading')}>
      <Stack gap="sm">
        <Text>{t('visits.checkIn.contact.intro')}</Text>
        <Details
          rows={[
            [t('visits.checkIn.contact.email'), contact.email ?? none],
            [t('visits.checkIn.contact.phone'), contact.phone ?? none],
            [t('visits.checkIn.contact.address'), contact.address ?? none],
          ]}
        />
        <Checkbox
          name="contactConfirmed"
          label={t('visits.checkIn.contact.confirm')}
          checked={confirmed}
          onChange={(e) => onConfirm(e.currentTarget.checked)}
          required
          error={error}
          aria-invalid={error ? true : undefined}
        />
        <Anchor component={Link} to={paths.profile.contact}>
          {t('visits.checkIn.contact.change')}
        </Anchor>
      </Stack>
    </HealthSection>
  );
}

interface ReviewSectionProps {
  kind: 'medications' | 'allergies';
  items: { id: string; name: string }[];
  marks: Record<string, Mark>;
  onMark: (id: string, mark: Mark) => void;
  other: string;
  onOther: (other: string) => void;
  error: string | undefined;
}

/**
 * 2 and 3. Each medication or allergy on the record: still current or not, with an optional note; then the ones not
 * on the list. The page says the record does not change (the care team reconciles it at the visit).
 */
export function ReviewSection({ kind, items, marks, onMark, other, onOther, error }: ReviewSectionProps) {
  const { t } = useTranslation();
  const k = `visits.checkIn.${kind}`;
  return (
    <HealthSection title={t(`${k}.heading`)}>
      <Stack gap="md">
        <Text>{t(`${k}.intro`)}</Text>
        {error && (
          <Text role="alert" c="red.9" fw={600}>
            {error}
          </Text>
        )}
        {items.length === 0 ? (
          <EmptyList>{t(`${k}.empty`)}</EmptyList>
        ) : (
          <ul className="visit-list" aria-label={t(`${k}.heading`)}>
            {items.map((item) => {
              const mark = marks[item.id] ?? { current: true, note: '' };
              return (
                <li key={item.id} className="visit-row">
                  <Stack gap="xs">
                    <Radio.Group
                      name={`${kind}.${item.id}`}
                      label={item.name}
                      value={mark.current ? 'current' : 'stopped'}
                      onChange={(v) => onMark(item.id, { ...mark, current: v === 'current' })}
                      classNames={{ label: 'break-anywhere' }}
                    >
                      <Group gap="lg" mt="xs">
                        <Radio value="current" label={t(`${k}.still`)} />
                        <Radio value="stopped" label={t(`${k}.stopped`)} />
                      </Group>
                    </Radio.Group>
                    <Textarea
                      label={t(`${k}.note`, { name: item.name })}
                      autosize
                      minRows={1}
                      maxLength={500}
                      value={mark.note}
                      onChange={(e) => onMark(item.id, { ...mark, note: e.currentTarget.value })}
                    />
                  </Stack>
                </li>
              );
            })}
          </ul>
        )}
        <Textarea
          label={t(`${k}.other`)}
          description={kind === 'medications' ? t(`${k}.otherHint`) : undefined}
          autosize
          minRows={2}
          maxLength={1000}
          value={other}
          onChange={(e) => onOther(e.currentTarget.value)}
        />
      </Stack>
    </HealthSection>
  );
}

interface QuestionFieldProps {
  question: CheckInQuestion;
  value: string | boolean | undefined;
  onChange: (value: string | boolean) => void;
  error: string | undefined;
}

/** One question of the visit type's questionnaire: text, Yes/No or a choice of answers; required ones marked. */
export function QuestionField({ question: q, value, onChange, error }: QuestionFieldProps) {
  const { t } = useTranslation();
  const name = `answers.${q.linkId}`;
  if (q.type === 'boolean' || q.type === 'choice') {
    const options =
      q.type === 'boolean'
        ? [
            { value: 'yes', label: t('visits.checkIn.questions.yes') },
            { value: 'no', label: t('visits.checkIn.questions.no') },
          ]
        : q.options.map((o) => ({ value: o, label: o }));
    const selected = typeof value === 'boolean' ? (value ? 'yes' : 'no') : (value ?? null);
    return (
      <Radio.Group
        name={name}
        label={q.text}
        withAsterisk={q.required}
        value={selected || null}
        onChange={(v) => onChange(q.type === 'boolean' ? v === 'yes' : v)}
        error={error}
      >
        <Group gap="lg" mt="xs">
          {options.map((o, i) => (
            <Radio key={o.value} value={o.value} label={o.label} aria-invalid={error && i === 0 ? true : undefined} />
          ))}
        </Group>
      </Radio.Group>
    );
  }
  const common = {
    name,
    label: q.text,
    required: q.required,
    error,
    value: typeof value === 'string' ? value : '',
    onChange: (e: { currentTarget: { value: string } }) => onChange(e.currentTarget.value),
  };
  return q.type === 'text' ? (
    <Textarea {...common} autosize minRows={3} maxLength={2000} />
  ) : (
    <TextInput {...common} maxLength={2000} />
  );
}
