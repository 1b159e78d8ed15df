import { Alert, Button, Group, NativeSelect, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiDownload } from '../../api/client.ts';
import { accessLogPath, type AccessLogFilters } from '../../api/access-log.ts';
import { FormShell } from '../../components/FormShell.tsx';
import { describeError, useFormFeedback, type FieldErrors } from '../../hooks/use-form-feedback.ts';
import { useFormValues } from '../../hooks/use-form-values.ts';

export interface Person {
  actorId: string;
  who: string;
}

const fields = ['from', 'to', 'actorId'] as const;
type Field = (typeof fields)[number];

interface AccessLogFilterFormProps {
  patientId: string;
  filters: AccessLogFilters;
  people: Person[];
  onApply: (filters: AccessLogFilters) => void;
}

/** The access log's filters (date range, person) and the CSV download of what the filters select. */
export function AccessLogFilterForm({ patientId, filters, people, onApply }: AccessLogFilterFormProps) {
  const { t } = useTranslation();
  const feedback = useFormFeedback(fields);
  const { values, setValues, bind } = useFormValues<Field>(
    { from: filters.from ?? '', to: filters.to ?? '', actorId: filters.actorId ?? '' },
    feedback.fieldErrors,
  );
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<string | null>(null);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors: FieldErrors<Field> = {};
    if (values.from && values.to && values.to < values.from) errors.to = t('accessLog.toBeforeFrom');
    if (Object.keys(errors).length > 0) return feedback.showFieldErrors(errors);
    feedback.clearErrors();
    onApply({
      ...(values.from ? { from: values.from } : {}),
      ...(values.to ? { to: values.to } : {}),
      ...(values.actorId ? { actorId: values.actorId } : {}),
    });
  }

  function handleClear() {
    feedback.clearErrors();
    setValues({ from: '', to: '', actorId: '' });
    onApply({});
  }

  /** Downloads the log as the filters applied now select it, as a CSV file named for today. */
  async function handleDownload() {
    setDownloading(true);
    setDownloadError(null);
    try {
      const blob = await apiDownload(accessLogPath(patientId, filters, 'csv'));
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = t('accessLog.downloadFile', { date: new Date().toISOString().slice(0, 10) });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (err) {
      setDownloadError(`${t('accessLog.downloadFailed')} ${describeError(err, t)}`);
    } finally {
      setDownloading(false);
    }
  }

  const personOptions = [
    { value: '', label: t('accessLog.everyone') },
    ...people.map((p) => ({ value: p.actorId, label: p.who })),
  ];
  return (
    <FormShell feedback={feedback} onSubmit={handleSubmit}>
      <Group align="flex-start" gap="sm" wrap="wrap" className="filter-row">
        <TextInput type="date" label={t('accessLog.from')} {...bind('from')} className="filter-field" />
        <TextInput type="date" label={t('accessLog.to')} {...bind('to')} className="filter-field" />
        <NativeSelect
          label={t('accessLog.person')}
          data={personOptions}
          {...bind('actorId')}
          className="filter-field"
        />
      </Group>
      <Group gap="sm" wrap="wrap">
        <Button type="submit">{t('accessLog.apply')}</Button>
        <Button variant="default" onClick={handleClear}>
          {t('accessLog.clear')}
        </Button>
        <Button variant="light" onClick={handleDownload} loading={downloading}>
          {t('accessLog.download')}
        </Button>
      </Group>
      {downloadError && (
        <Alert role="alert" color="red" variant="light">
          {downloadError}
        </Alert>
      )}
    </FormShell>
  );
}
