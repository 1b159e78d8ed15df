import { Anchor, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Attachment, Message } from '../../shared/messaging.ts';
import { formatMoment } from '../format.ts';
import { usePortalConfig } from '../hooks/use-portal-config.ts';

interface MessageListProps {
  messages: Message[];
  /** Where an attachment downloads from (the patient's or the staff member's route). */
  attachmentHref: (attachmentId: string) => string;
  /** The locale namespace with the `conversation.*` words: the patient app's or the staff pages'. */
  ns?: 'translation' | 'staff';
}

/**
 * A conversation, oldest message first: who wrote each message (name and role, or "You"), when, the text exactly as
 * written (React text with its line breaks kept, never HTML), and its attachments as download links.
 */
export function MessageList({ messages, attachmentHref, ns = 'translation' }: MessageListProps) {
  const { t } = useTranslation(ns);
  return (
    <ol className="message-list" aria-label={t('conversation.listLabel')}>
      {messages.map((m) => (
        <li key={m.id} className={m.author.kind === 'staff' ? 'message-item message-staff' : 'message-item'}>
          <MessageItem message={m} attachmentHref={attachmentHref} ns={ns} />
        </li>
      ))}
    </ol>
  );
}

function MessageItem({
  message,
  attachmentHref,
  ns,
}: {
  message: Message;
  attachmentHref: (id: string) => string;
  ns: 'translation' | 'staff';
}) {
  const { t, i18n } = useTranslation(ns);
  const { timeZone } = usePortalConfig();
  const { author } = message;
  const who = author.isMe
    ? t('conversation.you')
    : author.role
      ? t('conversation.authorWithRole', { name: author.name, role: author.role })
      : author.name;
  return (
    <article aria-label={t('conversation.messageLabel', { who })}>
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text fw={700} className="break-anywhere">
            {who}
          </Text>
          <Text size="sm" c="dimmed">
            <time dateTime={message.sentAt}>{formatMoment(message.sentAt, i18n.language, timeZone)}</time>
          </Text>
        </Group>
        <Text className="preserve-whitespace break-anywhere">{message.body}</Text>
        {message.attachments.length > 0 && (
          <Stack gap={2}>
            <Text size="sm" fw={600}>
              {t('conversation.attachments')}
            </Text>
            <ul className="attachment-list">
              {message.attachments.map((a) => (
                <li key={a.id}>
                  <Anchor href={attachmentHref(a.id)} download={a.fileName} className="break-anywhere">
                    {t('conversation.download', { name: a.fileName, size: formatSize(a) })}
                  </Anchor>
                </li>
              ))}
            </ul>
          </Stack>
        )}
      </Stack>
    </article>
  );
}

/** A file size people read: "12 KB", "1.4 MB". */
export function formatSize(file: Pick<Attachment, 'size'>): string {
  if (file.size < 1024 * 1024) return `${Math.max(1, Math.round(file.size / 1024))} KB`;
  return `${(file.size / (1024 * 1024)).toFixed(1)} MB`;
}
