import { Button, Group, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

interface PatientSearchFormProps {
  initial: string;
  onSearch: (query: string) => void;
  /** Distinguishes several forms on one page (ids and labels). */
  id: string;
}

/** A name-or-birth-date search box; says next to the field when the query is too short. */
export function PatientSearchForm({ initial, onSearch, id }: PatientSearchFormProps) {
  const { t } = useTranslation('staff');
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (value.trim().length < 2) {
      setError(t('patients.queryTooShort'));
      document.getElementById(`${id}-q`)?.focus();
      return;
    }
    setError(null);
    onSearch(value.trim());
  }

  return (
    <form onSubmit={handleSubmit} noValidate role="search" aria-label={t('patients.searchLabel')}>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          id={`${id}-q`}
          label={t('patients.queryLabel')}
          description={t('patients.queryHint')}
          value={value}
          onChange={(e) => setValue(e.currentTarget.value)}
          error={error}
          autoComplete="off"
          spellCheck={false}
          style={{ flex: '1 1 16rem' }}
        />
        <Button type="submit">{t('patients.search')}</Button>
      </Group>
    </form>
  );
}
