import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AboutItem, MessageOptions } from '../../../shared/messaging.ts';

/** "You can expect a reply within 1 to 3 business days", next to the send button. */
export function ReplyTime({ days }: { days: MessageOptions['replyBusinessDays'] }) {
  const { t } = useTranslation();
  return (
    <Text size="sm" fw={600}>
      {days.min === days.max
        ? t('messages.replyTimeExact', { count: days.max })
        : t('messages.replyTime', { min: days.min, max: days.max })}
    </Text>
  );
}

/** The item of the record a question is about ("About: a visit"), with a way to drop it. */
export function AboutLine({
  about,
  label,
  onRemove,
}: {
  about: AboutItem;
  label?: string | null;
  onRemove?: () => void;
}) {
  const { t } = useTranslation();
  const what = label ?? t(`messages.aboutTypes.${about.type}`);
  return (
    <Group gap="xs" wrap="wrap">
      <Text size="sm" className="break-anywhere">
        {t('messages.about', { what })}
      </Text>
      {onRemove && (
        <Button
          size="compact-sm"
          variant="subtle"
          onClick={onRemove}
          aria-label={t('messages.removeAboutLabel', { what })}
        >
          {t('messages.removeAbout')}
        </Button>
      )}
    </Group>
  );
}
