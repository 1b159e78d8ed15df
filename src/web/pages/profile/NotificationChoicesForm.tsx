import { Alert, Anchor, Checkbox, Stack, Table, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type {
  NotificationChannel,
  NotificationGroup,
  NotificationPreference,
  NotificationSettings,
  NotificationType,
} from '../../../shared/notifications.ts';
import { useSaveNotificationSettings } from '../../api/notifications.ts';
import { ChangeNotice } from '../../components/ChangeNotice.tsx';
import { FormShell, SubmitButtonRow } from '../../components/FormShell.tsx';
import { useFormFeedback } from '../../hooks/use-form-feedback.ts';
import { paths } from '../../paths.ts';
import { eventText } from '../notifications/event-text.ts';

type Choices = Partial<Record<NotificationType, Record<NotificationChannel, boolean>>>;
const channels: readonly NotificationChannel[] = ['email', 'sms'];
/** The form has no text fields: the server's refusals show at the top. */
const noFields = [] as const;

/**
 * The events in their groups, with an Email and a Text box each. Security events are always sent (their boxes
 * are ticked and cannot be changed); the others are opt-in. Saving sends only the events a person chooses for.
 * Ticking a channel whose contact is not verified yet is allowed: it starts once the contact is verified.
 */
export function NotificationChoicesForm({ settings }: { settings: NotificationSettings }) {
  const { t } = useTranslation();
  const save = useSaveNotificationSettings();
  const feedback = useFormFeedback(noFields);
  const [choices, setChoices] = useState<Choices>(() => choicesOf(settings.preferences));
  const [savedCount, setSavedCount] = useState(0);
  const [dirty, setDirty] = useState(false);
  const groups = groupsOf(settings.preferences);
  const chosen = Object.values(choices);
  const smsWaits = !settings.contacts.phoneVerified && chosen.some((c) => c?.sms);
  const emailWaits = !settings.contacts.emailVerified && chosen.some((c) => c?.email);

  function handleChange(type: NotificationType, channel: NotificationChannel, checked: boolean) {
    setChoices((current) => ({
      ...current,
      [type]: { ...(current[type] ?? { email: false, sms: false }), [channel]: checked },
    }));
    setDirty(true);
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const preferences = Object.entries(choices).map(([type, c]) => ({
      type: type as NotificationType,
      email: c?.email ?? false,
      sms: c?.sms ?? false,
    }));
    try {
      const stored = await save.mutateAsync({ preferences });
      setChoices(choicesOf(stored.preferences));
      feedback.clearErrors();
      setDirty(false);
      setSavedCount((n) => n + 1);
    } catch (err) {
      feedback.showApiError(err);
    }
  }

  return (
    <FormShell
      feedback={feedback}
      onSubmit={handleSubmit}
      gap="lg"
      intro={<Text size="sm">{t('notificationSettings.eventsIntro')}</Text>}
    >
      {groups.map(([group, rows]) => (
        <GroupTable key={group} group={group} rows={rows} choices={choices} onChange={handleChange} />
      ))}
      {(smsWaits || emailWaits) && (
        <Alert role="status" color="blue" variant="light">
          <Stack gap={4}>
            {smsWaits && <Text size="sm">{t('notificationSettings.smsPending')}</Text>}
            {emailWaits && <Text size="sm">{t('notificationSettings.emailPending')}</Text>}
            <Anchor component={Link} to={paths.profile.contact} size="sm">
              {t('notificationSettings.verifyOnContact')}
            </Anchor>
          </Stack>
        </Alert>
      )}
      {savedCount > 0 && !dirty && (
        <ChangeNotice key={savedCount}>{t('notificationSettings.savedNotice')}</ChangeNotice>
      )}
      {Object.keys(choices).length > 0 && (
        <SubmitButtonRow submitting={save.isPending}>{t('notificationSettings.save')}</SubmitButtonRow>
      )}
    </FormShell>
  );
}

interface GroupTableProps {
  group: NotificationGroup;
  rows: NotificationPreference[];
  choices: Choices;
  onChange: (type: NotificationType, channel: NotificationChannel, checked: boolean) => void;
}

function GroupTable({ group, rows, choices, onChange }: GroupTableProps) {
  const { t } = useTranslation();
  const headingId = `notification-group-${group}`;
  const descriptionId = `${headingId}-description`;
  return (
    <Stack gap="xs">
      <Title order={3} size="h4" id={headingId}>
        {t(`notificationSettings.groups.${group}.title`)}
      </Title>
      <Text size="sm" id={descriptionId}>
        {t(`notificationSettings.groups.${group}.description`)}
      </Text>
      <Table
        aria-labelledby={headingId}
        aria-describedby={descriptionId}
        verticalSpacing="sm"
        horizontalSpacing="xs"
        className="notification-choices"
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('notificationSettings.event')}</Table.Th>
            {channels.map((channel) => (
              <Table.Th key={channel} scope="col" className="notification-choice-cell">
                {t(`notificationSettings.channels.${channel}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <ChoiceRow key={row.type} row={row} choice={choices[row.type]} onChange={onChange} />
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function ChoiceRow({
  row,
  choice,
  onChange,
}: {
  row: NotificationPreference;
  choice: Record<NotificationChannel, boolean> | undefined;
  onChange: GroupTableProps['onChange'];
}) {
  const { t } = useTranslation();
  const { title, description } = eventText(t, row.type);
  const alwaysOn = row.delivery !== 'choice';
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={400}>
        <Text fw={600} size="sm">
          {title}
        </Text>
        <Text size="sm" c="dimmed">
          {description}
        </Text>
        {alwaysOn && (
          <Text size="xs" fw={600} c="dimmed">
            {t('notificationSettings.alwaysOn')}
          </Text>
        )}
      </Table.Th>
      {channels.map((channel) => {
        const channelName = t(`notificationSettings.channels.${channel}`);
        return (
          <Table.Td key={channel} className="notification-choice-cell">
            <Checkbox
              aria-label={t(alwaysOn ? 'notificationSettings.alwaysOnLabel' : 'notificationSettings.checkboxLabel', {
                channel: channelName,
                event: title,
              })}
              checked={alwaysOn || (choice?.[channel] ?? false)}
              disabled={alwaysOn}
              onChange={(e) => onChange(row.type, channel, e.currentTarget.checked)}
            />
          </Table.Td>
        );
      })}
    </Table.Tr>
  );
}

/** The chosen channels of the choice events, as the form edits them. */
function choicesOf(preferences: NotificationPreference[]): Choices {
  const choices: Choices = {};
  for (const p of preferences) if (p.delivery === 'choice') choices[p.type] = { email: p.email, sms: p.sms };
  return choices;
}

/** The rows by group, groups in the order the server lists them (catalogue order). */
function groupsOf(preferences: NotificationPreference[]): [NotificationGroup, NotificationPreference[]][] {
  const groups = new Map<NotificationGroup, NotificationPreference[]>();
  for (const p of preferences) groups.set(p.group, [...(groups.get(p.group) ?? []), p]);
  return [...groups];
}
