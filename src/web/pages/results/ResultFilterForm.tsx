import { Button, Group, TextInput } from '@mantine/core';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResultFilters } from '../../api/results.ts';
import { FormShell } from '../../components/FormShell.tsx';
import { useFormFeedback, type FieldErrors } from '../../hooks/use-form-feedback.ts';
import { useFormValues } from '../../hooks/use-form-values.ts';

const fields = ['name', 'from', 'to'] as const;
type Field = (typeof fields)[number];

interface ResultFilterFormProps {
  filters: ResultFilters;
  onApply: (filters: ResultFilters) => void;
}

/** Test Results' filters: part of a test's name and the dates the samples were collected between. */
export function ResultFilterForm({ filters, onApply }: ResultFilterFormProps) {
  const { t } = useTranslation();
  const feedback = useFormFeedback(fields);
  const { values, setValues, bind } = useFormValues<Field>(
    { name: filters.name ?? '', from: filters.from ?? '', to: filters.to ?? '' },
    feedback.fieldErrors,
  );

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors: FieldErrors<Field> = {};
    if (values.from && values.to && values.to < values.from) errors.to = t('results.filters.toBeforeFrom');
    if (Object.keys(errors).length > 0) return feedback.showFieldErrors(errors);
    feedback.clearErrors();
    const name = values.name.trim();
    onApply({
      ...(name ? { name } : {}),
      ...(values.from ? { from: values.from } : {}),
      ...(values.to ? { to: values.to } : {}),
    });
  }

  function handleClear() {
    feedback.clearErrors();
    setValues({ name: '', from: '', to: '' });
    onApply({});
  }

  return (
    <FormShell feedback={feedback} onSubmit={handleSubmit}>
      <Group align="flex-start" gap="sm" wrap="wrap">
        <TextInput
          type="search"
          label={t('results.filters.name')}
          maxLength={100}
          {...bind('name')}
          className="filter-field"
        />
        <TextInput type="date" label={t('results.filters.from')} {...bind('from')} className="filter-field" />
        <TextInput type="date" label={t('results.filters.to')} {...bind('to')} className="filter-field" />
      </Group>
      <Group gap="sm" wrap="wrap">
        <Button type="submit">{t('results.filters.apply')}</Button>
        <Button variant="default" onClick={handleClear}>
          {t('results.filters.clear')}
        </Button>
      </Group>
    </FormShell>
  );
}
