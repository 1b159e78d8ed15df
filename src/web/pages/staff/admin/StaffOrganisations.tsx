import { Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffAccount } from '../../../../shared/staff-admin.ts';
import { FormErrorAlert } from '../../../components/FormErrorAlert.tsx';
import { useFormFeedback } from '../../../hooks/use-form-feedback.ts';
import { useOrganisations, useSetStaffOrganisations } from '../staff-api.ts';

/** Roles that reach only their organisations' patients (the server's policy table says the same). */
const ORGANISATION_BOUND = new Set(['clinician', 'nurse']);

/** The organisations a colleague works for, as the staff list shows them. */
export function OrganisationsCell({ account }: { account: StaffAccount }) {
  const { t } = useTranslation('staff');
  const names = account.organisations.map((o) => o.name).join(', ');
  if (!ORGANISATION_BOUND.has(account.role ?? ''))
    return <>{names ? t('admin.organisationsAllMember', { list: names }) : t('admin.organisationsAll')}</>;
  return <>{names || t('admin.organisationsNone')}</>;
}

/** The organisation boxes, shared by the create form and the change dialog. */
export function OrganisationChoices({
  value,
  onChange,
  error,
}: {
  value: string[];
  onChange: (next: string[]) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation('staff');
  const organisations = useOrganisations();
  if (organisations.isPending) return <Text size="sm">{t('admin.organisationsLoading')}</Text>;
  return (
    <Checkbox.Group
      label={t('admin.organisations')}
      description={t('admin.organisationsHint')}
      value={value}
      onChange={onChange}
      error={error}
    >
      <Stack gap={6} mt="xs">
        {(organisations.data?.organisations ?? []).map((o) => (
          <Checkbox key={o.id} value={o.id} label={o.name} />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}

/** A button that opens a dialog to change which organisations a colleague works for. */
export function ChangeOrganisations({ account }: { account: StaffAccount }) {
  const { t } = useTranslation('staff');
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState<string[]>(account.organisations.map((o) => o.id));
  const save = useSetStaffOrganisations();
  const feedback = useFormFeedback(['organisations'] as const);
  return (
    <>
      <Button
        size="xs"
        variant="light"
        onClick={() => {
          setValue(account.organisations.map((o) => o.id));
          feedback.clearErrors();
          setOpen(true);
        }}
        aria-label={t('admin.organisationsEditLabel', { name: account.displayName })}
      >
        {t('admin.organisationsEdit')}
      </Button>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={t('admin.organisationsEditFor', { name: account.displayName })}
      >
        <Stack gap="md">
          <FormErrorAlert message={feedback.formError} alertRef={feedback.attachFormError} />
          <OrganisationChoices value={value} onChange={setValue} error={feedback.fieldErrors.organisations} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t('admin.organisationsCancel')}
            </Button>
            <Button
              loading={save.isPending}
              onClick={() =>
                save.mutate(
                  { id: account.id, organisations: value },
                  { onSuccess: () => setOpen(false), onError: (err) => feedback.showApiError(err) },
                )
              }
            >
              {t('admin.organisationsSave')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
