import { Button, Fieldset, Group, NativeSelect, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { emptyException, type ExceptionDraft } from './schedule-draft.ts';

/** Days off and extra hours, added to the provider's schedule on save (a date closed all day, or open at set times). */
export function ExceptionsFields({
  rows,
  onChange,
  errors,
}: {
  rows: ExceptionDraft[];
  onChange: (rows: ExceptionDraft[]) => void;
  errors: Partial<Record<string, string>>;
}) {
  const { t } = useTranslation('staff');
  const change = (index: number, patch: Partial<ExceptionDraft>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <Fieldset legend={t('schedules.exceptions')} variant="unstyled" className="plain-fieldset">
      <Stack gap="sm">
        <Text size="sm">{t('schedules.exceptionsHint')}</Text>
        {rows.map((row, i) => (
          <Paper key={i} withBorder radius="md" p="sm">
            <Fieldset legend={t('schedules.exception', { n: i + 1 })} variant="unstyled" className="plain-fieldset">
              <Stack gap="xs">
                {errors[`exceptions.${i}`] && (
                  <Text size="sm" c="red.8" role="alert">
                    {errors[`exceptions.${i}`]}
                  </Text>
                )}
                <Group gap="sm" align="flex-end" wrap="wrap">
                  <TextInput
                    type="date"
                    label={t('schedules.exceptionDate')}
                    value={row.date}
                    onChange={(e) => change(i, { date: e.currentTarget.value })}
                  />
                  <NativeSelect
                    label={t('schedules.exceptionKind')}
                    value={row.kind}
                    onChange={(e) => change(i, { kind: e.currentTarget.value === 'open' ? 'open' : 'closed' })}
                    data={[
                      { value: 'closed', label: t('schedules.kindClosed') },
                      { value: 'open', label: t('schedules.kindOpen') },
                    ]}
                  />
                  {row.kind === 'open' && (
                    <>
                      <TextInput
                        type="time"
                        step={300}
                        label={t('schedules.from')}
                        value={row.start}
                        onChange={(e) => change(i, { start: e.currentTarget.value })}
                      />
                      <TextInput
                        type="time"
                        step={300}
                        label={t('schedules.to')}
                        value={row.end}
                        onChange={(e) => change(i, { end: e.currentTarget.value })}
                      />
                    </>
                  )}
                  <TextInput
                    label={t('schedules.exceptionReason')}
                    value={row.reason}
                    onChange={(e) => change(i, { reason: e.currentTarget.value })}
                    maxLength={200}
                    style={{ flex: '1 1 12rem' }}
                  />
                </Group>
                <Group>
                  <Button variant="default" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
                    {t('schedules.removeException', { n: i + 1 })}
                  </Button>
                </Group>
              </Stack>
            </Fieldset>
          </Paper>
        ))}
        <Group>
          <Button variant="light" onClick={() => onChange([...rows, emptyException()])}>
            {t('schedules.addException')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
