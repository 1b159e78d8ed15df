import { Badge, Button, Checkbox, Group, NativeSelect, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffVisitNote } from '../../../../shared/appointments.ts';
import type { StaffPatientView } from '../../../../shared/front-desk.ts';
import { FormErrorAlert } from '../../../components/FormErrorAlert.tsx';
import { useFormFeedback } from '../../../hooks/use-form-feedback.ts';
import { usePortalConfig } from '../../../hooks/use-portal-config.ts';
import { ConfirmDialog } from '../ConfirmDialog.tsx';
import { formatDateTime, formatVisitDate } from '../format.ts';
import { visitLabel } from '../records/visit-label.ts';
import { useSaveVisitNote, useVisitNote } from './visits-staff-api.ts';

const fields = ['text', 'holdReason'] as const;
/** The Cures Act's exceptions a note may be held under (the reasons a clinician may keep it from the patient). */
const HOLD_REASONS = ['preventing_harm', 'privacy', 'security', 'infeasibility', 'health_it_performance'] as const;
type HoldReason = (typeof HOLD_REASONS)[number];

/**
 * A clinician's note on one of the patient's visits: written as a draft, then signed. A signed note is released to
 * the patient at once (open notes) unless the clinician holds it under one of the Cures Act's exceptions; a signed
 * note is final.
 */
export function VisitNoteSection({ view }: { view: StaffPatientView }) {
  const { t } = useTranslation('staff');
  const { timeZone } = usePortalConfig();
  const [encounterId, setEncounterId] = useState('');
  const note = useVisitNote(view.patient.id, encounterId);
  const options = [
    { value: '', label: t('visitNote.visitPlaceholder') },
    ...view.visits.map((v) => ({ value: v.id, label: `${formatVisitDate(v.start, timeZone)} · ${visitLabel(v, t)}` })),
  ];
  return (
    <section aria-labelledby="visit-note-heading">
      <Title order={2} size="h3" id="visit-note-heading" mb="xs">
        {t('visitNote.heading')}
      </Title>
      {view.visits.length === 0 ? (
        <Text>{t('visitNote.noVisits')}</Text>
      ) : (
        <Stack gap="sm">
          <Text size="sm">{t('visitNote.intro')}</Text>
          <NativeSelect
            label={t('visitNote.visit')}
            data={options}
            value={encounterId}
            onChange={(e) => setEncounterId(e.currentTarget.value)}
          />
          {encounterId && note.isPending && <Text>{t('visitNote.loading')}</Text>}
          {encounterId && note.isSuccess && (
            <NoteForm key={encounterId} patientId={view.patient.id} encounterId={encounterId} note={note.data} />
          )}
        </Stack>
      )}
    </section>
  );
}

function NoteForm({
  patientId,
  encounterId,
  note,
}: {
  patientId: string;
  encounterId: string;
  note: StaffVisitNote | null;
}) {
  const { t } = useTranslation('staff');
  const { timeZone } = usePortalConfig();
  const save = useSaveVisitNote(patientId, encounterId);
  const { attachForm, attachFormError, fieldErrors, formError, showFieldErrors, clearErrors, showApiError } =
    useFormFeedback(fields);
  const [text, setText] = useState(note?.text ?? '');
  const [hold, setHold] = useState(Boolean(note?.holdReason));
  const [holdReason, setHoldReason] = useState<HoldReason | ''>((note?.holdReason as HoldReason | null) ?? '');
  const [confirming, setConfirming] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const signed = note?.status === 'signed';

  function validate(): boolean {
    const errors: Partial<Record<(typeof fields)[number], string>> = {};
    if (!text.trim()) errors.text = t('visitNote.textRequired');
    if (hold && !holdReason) errors.holdReason = t('visitNote.holdReasonRequired');
    if (Object.keys(errors).length) {
      showFieldErrors(errors);
      return false;
    }
    clearErrors();
    return true;
  }

  function submit(sign: boolean) {
    save.mutate(
      { text, sign, holdReason: sign && hold && holdReason ? holdReason : null },
      {
        onSuccess: () =>
          setSaved(
            sign ? (hold ? t('visitNote.signedHeld') : t('visitNote.signedReleased')) : t('visitNote.draftSaved'),
          ),
        onError: (err) => showApiError(err),
      },
    );
  }

  function handleDraft(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!save.isPending && validate()) submit(false);
  }

  return (
    <form ref={attachForm} onSubmit={handleDraft} noValidate>
      <Stack gap="sm">
        <FormErrorAlert message={formError} alertRef={attachFormError} />
        {saved && (
          <Text role="status" size="sm" fw={600}>
            {saved}
          </Text>
        )}
        {signed && note && (
          <Group gap="xs">
            <Badge color="dark" variant="outline">
              {note.holdReason ? t('visitNote.badgeHeld') : t('visitNote.badgeReleased')}
            </Badge>
            <Text size="sm">{t('visitNote.signedOn', { when: formatDateTime(note.signedAt!, timeZone) })}</Text>
          </Group>
        )}
        <Textarea
          label={t('visitNote.text')}
          description={t('visitNote.textHint')}
          autosize
          minRows={5}
          maxLength={20_000}
          name="text"
          value={text}
          readOnly={signed}
          onChange={(e) => setText(e.currentTarget.value)}
          error={fieldErrors.text}
        />
        {!signed && (
          <>
            <Checkbox
              label={t('visitNote.hold')}
              description={t('visitNote.holdHint')}
              checked={hold}
              onChange={(e) => setHold(e.currentTarget.checked)}
            />
            {hold && (
              <NativeSelect
                label={t('visitNote.holdReason')}
                name="holdReason"
                value={holdReason}
                onChange={(e) => setHoldReason(e.currentTarget.value as HoldReason | '')}
                error={fieldErrors.holdReason}
                data={[
                  { value: '', label: t('visitNote.holdReasonPlaceholder') },
                  ...HOLD_REASONS.map((r) => ({ value: r, label: t(`visitNote.reasons.${r}`) })),
                ]}
              />
            )}
            <Group gap="sm">
              <Button type="submit" variant="default" loading={save.isPending}>
                {t('visitNote.saveDraft')}
              </Button>
              <Button type="button" onClick={() => validate() && setConfirming(true)} disabled={save.isPending}>
                {t('visitNote.sign')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
      <ConfirmDialog
        opened={confirming}
        title={t('visitNote.confirmTitle')}
        confirmLabel={t('visitNote.sign')}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          submit(true);
        }}
      >
        <Text>{hold ? t('visitNote.confirmHeld') : t('visitNote.confirmReleased')}</Text>
      </ConfirmDialog>
    </form>
  );
}
