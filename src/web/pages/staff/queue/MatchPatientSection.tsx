import { Button, Group, Stack, Text, Title } from '@mantine/core';
import type { FormEvent } from 'react';
import type { PatientListItem } from '../../../../shared/front-desk.ts';
import { FormErrorAlert } from '../../../components/FormErrorAlert.tsx';
import { PatientSearchForm } from '../front-desk/PatientSearchForm.tsx';
import { PatientSearchResults } from '../front-desk/PatientSearchResults.tsx';

interface MatchPatientSectionProps {
  /** Prefix for the section's element ids (heading, search form). */
  idPrefix: string;
  heading: string;
  hint: string;
  query: string;
  onSearch: (query: string) => void;
  picked: PatientListItem | null;
  onPick: (patient: PatientListItem) => void;
  /** From useFormFeedback: the form and alert callbacks, the form's error and the patientId field's error. */
  attachForm: (el: HTMLFormElement | null) => void;
  attachFormError: (el: HTMLDivElement | null) => void;
  formError: string | null;
  patientIdError: string | undefined;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  submitLabel: string;
  submitting: boolean;
}

/** A request item's "find the record this request is about" step: search, pick one patient, act on the pick. */
export function MatchPatientSection({
  idPrefix,
  heading,
  hint,
  query,
  onSearch,
  picked,
  onPick,
  attachForm,
  attachFormError,
  formError,
  patientIdError,
  onSubmit,
  submitLabel,
  submitting,
}: MatchPatientSectionProps) {
  return (
    <section aria-labelledby={`${idPrefix}-heading`}>
      <Stack gap="sm">
        <Title order={2} size="h4" id={`${idPrefix}-heading`}>
          {heading}
        </Title>
        <Text size="sm">{hint}</Text>
        <PatientSearchForm id={`${idPrefix}-search`} initial={query} onSearch={onSearch} />
        <form ref={attachForm} onSubmit={onSubmit} noValidate>
          <Stack gap="sm">
            <FormErrorAlert message={formError} alertRef={attachFormError} />
            <PatientSearchResults query={query} mode="pick" picked={picked?.id ?? null} onPick={onPick} />
            {patientIdError && (
              <Text size="sm" c="red.9" role="alert">
                {patientIdError}
              </Text>
            )}
            <Group>
              <Button type="submit" loading={submitting}>
                {submitLabel}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </section>
  );
}
