import { Alert, Button, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffResultDetail } from '../../../../shared/results.ts';
import { FormErrorAlert } from '../../../components/FormErrorAlert.tsx';
import { useFormFeedback } from '../../../hooks/use-form-feedback.ts';
import { usePortalConfig } from '../../../hooks/use-portal-config.ts';
import { ConfirmDialog } from '../ConfirmDialog.tsx';
import { formatDateTime } from '../format.ts';
import { releaseWords } from './result-labels.ts';
import { useReleaseResult, useSaveResultNote } from './results-staff-api.ts';

/** The longest note the server takes (resultNoteInputSchema). */
const NOTE_MAX_LENGTH = 4000;

type Release = 'plain' | 'withNote';

/**
 * The note the patient reads with the result (Save note), and for a held result "Release to patient" or "Release with
 * note", each after a confirmation: once released, the patient and their proxies are told a new result is there.
 */
export function ResultNoteAndRelease({ result }: { result: StaffResultDetail }) {
  const { t, i18n } = useTranslation('staff');
  const { timeZone } = usePortalConfig();
  const save = useSaveResultNote(result.patientId, result.id);
  const release = useReleaseResult(result.patientId, result.id);
  const feedback = useFormFeedback(['note'] as const);
  const { attachForm, attachFormError } = feedback;
  const [note, setNote] = useState(result.note?.text ?? '');
  const [confirming, setConfirming] = useState<Release | null>(null);
  const [saved, setSaved] = useState(false);
  const held = result.release !== 'released';
  const busy = save.isPending || release.isPending;

  function handleSave(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (!note.trim()) return feedback.showFieldErrors({ note: t('results.noteRequired') });
    feedback.clearErrors();
    setSaved(false);
    save.mutate(note.trim(), {
      onSuccess: () => setSaved(true),
      onError: (err) => feedback.showApiError(err),
    });
  }

  function handleReleaseWithNote() {
    if (!note.trim()) return feedback.showFieldErrors({ note: t('results.noteRequiredToRelease') });
    feedback.clearErrors();
    setConfirming('withNote');
  }

  function handleConfirm() {
    const kind = confirming;
    setConfirming(null);
    if (!kind || busy) return;
    setSaved(false);
    release.mutate(kind === 'withNote' ? note.trim() : undefined, {
      onError: (err) => feedback.showApiError(err),
    });
  }

  return (
    <section aria-labelledby="result-release-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="result-release-heading">
          {t('results.releaseHeading')}
        </Title>
        {held ? (
          <Text fw={600}>{releaseWords(result, t, i18n.language, timeZone)}</Text>
        ) : (
          <Alert color="green" variant="light" role="status" title={releaseWords(result, t, i18n.language, timeZone)}>
            {t('results.releasedBody')}
          </Alert>
        )}
        <form ref={attachForm} onSubmit={handleSave} noValidate>
          <Stack gap="sm">
            <FormErrorAlert message={feedback.formError} alertRef={attachFormError} />
            {result.note && (
              <Text size="sm" c="dimmed">
                {t('results.noteBy', { name: result.note.by, when: formatDateTime(result.note.at, timeZone) })}
              </Text>
            )}
            <Textarea
              name="note"
              label={t('results.noteLabel')}
              description={t('results.noteHint')}
              value={note}
              onChange={(e) => {
                setNote(e.currentTarget.value);
                setSaved(false);
              }}
              error={feedback.fieldErrors.note}
              autosize
              minRows={4}
              maxLength={NOTE_MAX_LENGTH}
            />
            {saved && (
              <Text role="status" size="sm" c="var(--mantine-color-green-light-color)">
                {t('results.noteSaved')}
              </Text>
            )}
            <Group gap="sm" wrap="wrap">
              <Button type="submit" variant={held ? 'default' : 'filled'} loading={save.isPending} disabled={busy}>
                {t('results.saveNote')}
              </Button>
              {held && (
                <>
                  <Button
                    onClick={() => setConfirming('plain')}
                    loading={release.isPending && release.variables === undefined}
                    disabled={busy}
                  >
                    {t('results.release')}
                  </Button>
                  <Button
                    variant="light"
                    onClick={handleReleaseWithNote}
                    loading={release.isPending && release.variables !== undefined}
                    disabled={busy}
                  >
                    {t('results.releaseWithNote')}
                  </Button>
                </>
              )}
            </Group>
          </Stack>
        </form>
      </Stack>
      <ConfirmDialog
        opened={confirming !== null}
        title={t('results.confirmTitle', { name: result.name, patient: result.patientName })}
        confirmLabel={confirming === 'withNote' ? t('results.confirmWithNote') : t('results.confirm')}
        onConfirm={handleConfirm}
        onCancel={() => setConfirming(null)}
      >
        <Text>{t('results.confirmBody')}</Text>
        {confirming === 'withNote' && <Text size="sm">{t('results.confirmNoteToo')}</Text>}
      </ConfirmDialog>
    </section>
  );
}
