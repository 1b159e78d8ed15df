import { Anchor, Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AboutItem, MessageOptions } from '../../../shared/messaging.ts';
import { paths } from '../../paths.ts';

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

/**
 * The item of the record a question is about ("About: a visit"), with a way to drop it while composing. In a
 * conversation, a question about a test result links back to the result.
 */
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
  const isResult = about.type === 'DiagnosticReport' || about.type === 'Observation';
  return (
    <Group gap="xs" wrap="wrap">
      <Text size="sm" className="break-anywhere">
        {t('messages.about', { what })}
      </Text>
      {!onRemove && isResult && (
        <Anchor component={Link} to={paths.health.result(about.id)} size="sm" fw={600}>
          {t('messages.openResult')}
        </Anchor>
      )}
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
