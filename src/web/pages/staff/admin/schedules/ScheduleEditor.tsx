import { Button, Group, NativeSelect, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScheduleAdmin } from '../../../../../shared/appointments.ts';
import { FormErrorAlert } from '../../../../components/FormErrorAlert.tsx';
import { useFocusOnMount } from '../../../../hooks/use-focus-on-mount.ts';
import { describeError, useFormFeedback } from '../../../../hooks/use-form-feedback.ts';
import { ConfirmDialog } from '../../ConfirmDialog.tsx';
import { useSaveSchedule } from '../../visits/schedule-admin-api.ts';
import { ExceptionsFields } from './ExceptionsFields.tsx';
import { checkDraft, serverErrorKey } from './schedule-checks.ts';
import { draftToInput, type ScheduleDraft } from './schedule-draft.ts';
import { VisitTypesFields } from './VisitTypesFields.tsx';
import { WeeklyHoursFields } from './WeeklyHoursFields.tsx';

/**
 * One provider's schedule: who (fixed when editing), the name patients see, the clinic and department, the visit
 * types, weekly hours, the dates they apply over, and days off or extra hours. Saving replaces the weekly hours and
 * adds the exceptions; errors appear next to their fields.
 */
export function ScheduleEditor({
  admin,
  initial,
  editing,
  onSaved,
  onCancel,
}: {
  admin: ScheduleAdmin;
  initial: ScheduleDraft;
  editing: boolean;
  onSaved: (providerName: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('staff');
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const save = useSaveSchedule();
  const feedback = useFormFeedback<string>([]);
  const { attachForm, attachFormError, fieldErrors: errors } = feedback;
  const [draft, setDraft] = useState(initial);
  const [confirming, setConfirming] = useState(false);
  const set = (patch: Partial<ScheduleDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const setDepartment = (patch: Partial<ScheduleDraft['department']>) =>
    setDraft((d) => ({ ...d, department: { ...d.department, ...patch } }));
  const practitionerName = admin.practitioners.find((p) => p.id === draft.practitionerId)?.name ?? '';

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = checkDraft(draft, admin.visitTypes, t);
    if (Object.keys(found).length > 0) {
      const { form, ...fields } = found;
      return form && Object.keys(fields).length === 0 ? feedback.showFormError(form) : feedback.showFieldErrors(fields);
    }
    feedback.clearErrors();
    // Saving an existing schedule replaces its weekly hours: said first, as open times change at once.
    if (editing) setConfirming(true);
    else send();
  }

  function send() {
    setConfirming(false);
    if (save.isPending) return;
    save.mutate(
      { practitionerId: draft.practitionerId, body: draftToInput(draft, admin.visitTypes) },
      {
        onSuccess: () => onSaved(draft.providerName.trim()),
        onError: (err) => {
          const key = serverErrorKey(err, draft, admin.visitTypes);
          if (key) feedback.showFieldErrors({ [key]: describeError(err, t) });
          else feedback.showApiError(err);
        },
      },
    );
  }

  const heading = editing ? t('schedules.editHeading', { name: initial.providerName }) : t('schedules.addHeading');
  return (
    <section aria-labelledby="schedule-editor-heading">
      <Title order={2} size="h3" id="schedule-editor-heading" ref={headingRef} mb="sm">
        {heading}
      </Title>
      <form ref={attachForm} onSubmit={handleSubmit} noValidate>
        <Stack gap="lg">
          <FormErrorAlert message={feedback.formError} alertRef={attachFormError} />
          {editing ? (
            <Text>{t('schedules.practitionerFixed', { name: practitionerName || draft.providerName })}</Text>
          ) : (
            <NativeSelect
              label={t('schedules.practitioner')}
              description={t('schedules.practitionerHint')}
              value={draft.practitionerId}
              onChange={(e) => {
                const id = e.currentTarget.value;
                const name = admin.practitioners.find((p) => p.id === id)?.name ?? '';
                set({ practitionerId: id, providerName: draft.providerName || name });
              }}
              data={[
                { value: '', label: t('schedules.practitionerPlaceholder') },
                // A provider with a schedule already is changed with its Edit, not added twice.
                ...admin.practitioners
                  .filter((p) => !admin.schedules.some((s) => s.practitionerId === p.id))
                  .map((p) => ({ value: p.id, label: p.name })),
              ]}
              error={errors.practitionerId}
            />
          )}
          <TextInput
            label={t('schedules.providerName')}
            description={t('schedules.providerNameHint')}
            value={draft.providerName}
            onChange={(e) => set({ providerName: e.currentTarget.value })}
            error={errors.providerName}
            maxLength={200}
          />
          <DepartmentFields draft={draft} admin={admin} set={set} setDepartment={setDepartment} errors={errors} />
          <VisitTypesFields
            types={admin.visitTypes}
            chosen={draft.visitTypeIds}
            onChosen={(visitTypeIds) => set({ visitTypeIds })}
            newTypes={draft.newTypes}
            onNewTypes={(newTypes) => set({ newTypes })}
            errors={errors}
          />
          <WeeklyHoursFields days={draft.days} onChange={(days) => set({ days })} error={errors.hours} />
          <Group gap="sm" align="flex-start" wrap="wrap">
            <TextInput
              type="date"
              label={t('schedules.validFrom')}
              value={draft.validFrom}
              onChange={(e) => set({ validFrom: e.currentTarget.value })}
              error={errors.validFrom}
            />
            <TextInput
              type="date"
              label={t('schedules.validTo')}
              description={t('schedules.validToHint')}
              value={draft.validTo}
              onChange={(e) => set({ validTo: e.currentTarget.value })}
              error={errors.validTo}
            />
          </Group>
          <ExceptionsFields rows={draft.exceptions} onChange={(exceptions) => set({ exceptions })} errors={errors} />
          <Group gap="sm">
            <Button type="submit" loading={save.isPending}>
              {t('schedules.save')}
            </Button>
            <Button variant="default" onClick={onCancel} disabled={save.isPending}>
              {t('schedules.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
      <ConfirmDialog
        opened={confirming}
        title={t('schedules.confirmTitle', { name: initial.providerName })}
        confirmLabel={t('schedules.save')}
        onConfirm={send}
        onCancel={() => setConfirming(false)}
      >
        <Text>{t('schedules.confirmBody', { name: draft.providerName.trim() || initial.providerName })}</Text>
      </ConfirmDialog>
    </section>
  );
}

function DepartmentFields({
  draft,
  admin,
  set,
  setDepartment,
  errors,
}: {
  draft: ScheduleDraft;
  admin: ScheduleAdmin;
  set: (patch: Partial<ScheduleDraft>) => void;
  setDepartment: (patch: Partial<ScheduleDraft['department']>) => void;
  errors: Partial<Record<string, string>>;
}) {
  const { t } = useTranslation('staff');
  const d = draft.department;
  return (
    <Stack gap="sm">
      <NativeSelect
        label={t('schedules.clinic')}
        value={draft.organisationId}
        onChange={(e) => set({ organisationId: e.currentTarget.value })}
        data={[
          { value: '', label: t('schedules.clinicPlaceholder') },
          ...admin.organisations.map((o) => ({ value: o.id, label: o.name })),
        ]}
        error={errors.organisationId}
      />
      <Group gap="sm" align="flex-start" wrap="wrap">
        <TextInput
          label={t('schedules.departmentName')}
          value={d.name}
          onChange={(e) => setDepartment({ name: e.currentTarget.value })}
          error={errors['department.name']}
          maxLength={200}
          style={{ flex: '2 1 14rem' }}
        />
        <TextInput
          label={t('schedules.departmentId')}
          description={t('schedules.idHint')}
          value={d.id}
          onChange={(e) => setDepartment({ id: e.currentTarget.value })}
          error={errors['department.id']}
          maxLength={63}
          style={{ flex: '1 1 12rem' }}
        />
        <TextInput
          type="tel"
          label={t('schedules.departmentPhone')}
          value={d.phone}
          onChange={(e) => setDepartment({ phone: e.currentTarget.value })}
          error={errors['department.phone']}
          maxLength={40}
          style={{ flex: '1 1 12rem' }}
        />
      </Group>
      <TextInput
        label={t('schedules.departmentAddress')}
        value={d.address}
        onChange={(e) => setDepartment({ address: e.currentTarget.value })}
        error={errors['department.address']}
        maxLength={300}
      />
      <Textarea
        label={t('schedules.departmentInstructions')}
        description={t('schedules.departmentInstructionsHint')}
        value={d.instructions}
        onChange={(e) => setDepartment({ instructions: e.currentTarget.value })}
        error={errors['department.instructions']}
        autosize
        minRows={2}
        maxLength={2000}
      />
    </Stack>
  );
}
