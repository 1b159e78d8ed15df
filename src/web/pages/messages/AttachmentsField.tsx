import { Button, Group, Input, Loader, Stack, Text } from '@mantine/core';
import { useCallback, useId, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_MAX_COUNT, type Attachment } from '../../../shared/messaging.ts';
import { uploadAttachment } from '../../api/messaging.ts';
import { formatSize } from '../../components/MessageList.tsx';
import { describeError } from '../../hooks/use-form-feedback.ts';

/** The files a message will carry: each uploaded when chosen (the server checks its type by content), removable before sending. */
export function useAttachments(patientId: string) {
  const { t } = useTranslation();
  const [files, setFiles] = useState<Attachment[]>([]);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const add = useCallback(
    async (chosen: File[]) => {
      setError(null);
      if (files.length + chosen.length > ATTACHMENT_MAX_COUNT)
        return setError(t('messages.attachments.tooMany', { count: ATTACHMENT_MAX_COUNT }));
      const tooBig = chosen.find((f) => f.size > ATTACHMENT_MAX_BYTES);
      if (tooBig)
        return setError(
          t('messages.attachments.tooBig', { name: tooBig.name, max: ATTACHMENT_MAX_BYTES / (1024 * 1024) }),
        );
      setUploading(true);
      try {
        for (const file of chosen) {
          const stored = await uploadAttachment(patientId, file);
          setFiles((current) => [...current, stored]);
        }
      } catch (err) {
        setError(describeError(err, t));
      } finally {
        setUploading(false);
      }
    },
    [files.length, patientId, t],
  );

  const remove = useCallback((id: string) => setFiles((current) => current.filter((f) => f.id !== id)), []);
  const reset = useCallback(() => {
    setFiles([]);
    setError(null);
  }, []);
  return { files, uploading, error, add, remove, reset };
}

export type AttachmentsState = ReturnType<typeof useAttachments>;

/**
 * The attachments field: a file picker for images and PDFs (up to 3 files of 5 MB), the files already added with a
 * Remove button each, and what went wrong (the server's refusal of a file it read as another type) under the field.
 */
export function AttachmentsField({ state }: { state: AttachmentsState }) {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const full = state.files.length >= ATTACHMENT_MAX_COUNT;

  function handleChange(event: ChangeEvent<HTMLInputElement>) {
    const chosen = Array.from(event.currentTarget.files ?? []);
    event.currentTarget.value = '';
    if (chosen.length > 0) void state.add(chosen);
  }

  return (
    <Input.Wrapper
      id={id}
      label={t('messages.attachments.label')}
      description={t('messages.attachments.hint', {
        count: ATTACHMENT_MAX_COUNT,
        max: ATTACHMENT_MAX_BYTES / (1024 * 1024),
      })}
      error={state.error}
    >
      <Stack gap="xs" mt={4}>
        <input
          ref={input}
          id={id}
          type="file"
          name="attachments"
          multiple
          accept="image/*,application/pdf"
          disabled={full || state.uploading}
          onChange={handleChange}
          aria-describedby={`${id}-description${state.error ? ` ${id}-error` : ''}`}
          aria-invalid={state.error ? true : undefined}
          className="file-input"
        />
        {state.uploading && (
          <Group gap="xs" role="status">
            <Loader size="xs" aria-hidden />
            <Text size="sm">{t('messages.attachments.uploading')}</Text>
          </Group>
        )}
        {state.files.length > 0 && (
          <ul className="attachment-list" aria-label={t('messages.attachments.added')}>
            {state.files.map((f) => (
              <li key={f.id}>
                <Group gap="xs" wrap="nowrap">
                  <Text size="sm" className="break-anywhere">
                    {t('messages.attachments.file', { name: f.fileName, size: formatSize(f) })}
                  </Text>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    onClick={() => state.remove(f.id)}
                    aria-label={t('messages.attachments.removeFile', { name: f.fileName })}
                  >
                    {t('messages.attachments.remove')}
                  </Button>
                </Group>
              </li>
            ))}
          </ul>
        )}
      </Stack>
    </Input.Wrapper>
  );
}
