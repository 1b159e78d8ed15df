import { Alert, Button, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  createStaffAccountRequestSchema,
  staffRoles,
  type CreatedStaffAccount,
} from '../../../../shared/staff-admin.ts';
import { FormErrorAlert } from '../../../components/FormErrorAlert.tsx';
import { useFocusOnMount } from '../../../hooks/use-focus-on-mount.ts';
import { useFormFeedback, type FieldErrors } from '../../../hooks/use-form-feedback.ts';
import { useCreateStaffAccount } from '../staff-api.ts';
import { OrganisationChoices } from './StaffOrganisations.tsx';

const fields = ['username', 'displayName', 'role', 'email', 'organisations'] as const;
type Field = (typeof fields)[number];

/** Adds a colleague: username, name, role (and email). The generated password is shown once, to pass on in person. */
export function CreateStaffForm() {
  const { t } = useTranslation('staff');
  const create = useCreateStaffAccount();
  const feedback = useFormFeedback(fields);
  const { attachForm, attachFormError } = feedback;
  const [values, setValues] = useState({
    username: '',
    displayName: '',
    role: null as string | null,
    email: '',
    organisations: [] as string[],
  });
  const [created, setCreated] = useState<CreatedStaffAccount | null>(null);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = createStaffAccountRequestSchema.safeParse({
      ...values,
      email: values.email.trim() || undefined,
      role: values.role ?? undefined,
    });
    if (!parsed.success) {
      const errors: FieldErrors<Field> = {};
      for (const issue of parsed.error.issues) errors[issue.path[0] as Field] ??= issue.message;
      return feedback.showFieldErrors(errors);
    }
    feedback.clearErrors();
    create.mutate(parsed.data, {
      onSuccess: (reply) => {
        setCreated(reply);
        setValues({ username: '', displayName: '', role: null, email: '', organisations: [] });
      },
      onError: (err) => feedback.showApiError(err),
    });
  }

  return (
    <section aria-labelledby="create-staff-heading">
      <Stack gap="md">
        <Title order={2} size="h3" id="create-staff-heading">
          {t('admin.createHeading')}
        </Title>
        {created && <CreatedNotice created={created} onDone={() => setCreated(null)} />}
        <form ref={attachForm} onSubmit={handleSubmit} noValidate>
          <Stack gap="sm">
            <FormErrorAlert message={feedback.formError} alertRef={attachFormError} />
            <TextInput
              label={t('admin.displayName')}
              value={values.displayName}
              onChange={(e) => setValues({ ...values, displayName: e.currentTarget.value })}
              error={feedback.fieldErrors.displayName}
              required
              autoComplete="off"
            />
            <TextInput
              label={t('admin.username')}
              description={t('admin.usernameHint')}
              value={values.username}
              onChange={(e) => setValues({ ...values, username: e.currentTarget.value })}
              error={feedback.fieldErrors.username}
              required
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
            />
            <NativeSelect
              label={t('admin.role')}
              data={[
                { value: '', label: t('admin.chooseRole') },
                ...staffRoles.map((r) => ({ value: r, label: t(`roles.${r}`) })),
              ]}
              value={values.role ?? ''}
              onChange={(e) => setValues({ ...values, role: e.currentTarget.value || null })}
              error={feedback.fieldErrors.role}
              required
            />
            <TextInput
              label={t('admin.email')}
              description={t('admin.optional')}
              type="email"
              value={values.email}
              onChange={(e) => setValues({ ...values, email: e.currentTarget.value })}
              error={feedback.fieldErrors.email}
              autoComplete="off"
            />
            <OrganisationChoices
              value={values.organisations}
              onChange={(organisations) => setValues({ ...values, organisations })}
              error={feedback.fieldErrors.organisations}
            />
            <Group>
              <Button type="submit" loading={create.isPending}>
                {t('admin.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </section>
  );
}

function CreatedNotice({ created, onDone }: { created: CreatedStaffAccount; onDone: () => void }) {
  const { t } = useTranslation('staff');
  const ref = useFocusOnMount<HTMLDivElement>();
  return (
    <Alert
      ref={ref}
      color="green"
      variant="light"
      title={t('admin.createdTitle', { name: created.account.displayName })}
      role="status"
    >
      <Stack gap="xs">
        <Text size="sm">{t('admin.createdBody', { username: created.account.username })}</Text>
        <Text className="issued-code-value" size="xl">
          {created.initialPassword}
        </Text>
        <Text size="sm">{t('admin.createdOnce')}</Text>
        <Group>
          <Button size="xs" variant="light" onClick={onDone}>
            {t('admin.createdDone')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
