import { Button, Checkbox, Fieldset, Group, NativeSelect, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ScheduleAdmin } from '../../../../../shared/appointments.ts';
import { emptyNewType, type NewVisitTypeDraft } from './schedule-draft.ts';

type Errors = Partial<Record<string, string>>;

/** A visit type's length and self-pay price in words ("20 min · in person · $45.00"). */
function typeLabel(v: ScheduleAdmin['visitTypes'][number], t: ReturnType<typeof useTranslation<'staff'>>['t']) {
  const price = v.priceCents === null ? t('schedules.noPrice') : `$${(v.priceCents / 100).toFixed(2)}`;
  return t('schedules.typeOption', { name: v.name, minutes: v.minutes, mode: t(`schedules.mode.${v.mode}`), price });
}

/**
 * The visit types the provider offers: the ones defined so far as checkboxes, and "Add a visit type" rows for new
 * ones (id, name, length, in person or video, whether patients book it themselves, the self-pay price in dollars).
 */
export function VisitTypesFields({
  types,
  chosen,
  onChosen,
  newTypes,
  onNewTypes,
  errors,
}: {
  types: ScheduleAdmin['visitTypes'];
  chosen: string[];
  onChosen: (ids: string[]) => void;
  newTypes: NewVisitTypeDraft[];
  onNewTypes: (rows: NewVisitTypeDraft[]) => void;
  errors: Errors;
}) {
  const { t } = useTranslation('staff');
  const change = (index: number, patch: Partial<NewVisitTypeDraft>) =>
    onNewTypes(newTypes.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <Fieldset legend={t('schedules.visitTypes')} variant="unstyled" className="plain-fieldset">
      <Stack gap="sm">
        {types.length > 0 ? (
          <Checkbox.Group
            label={t('schedules.existingTypes')}
            value={chosen}
            onChange={onChosen}
            error={errors.visitTypes}
          >
            <Stack gap={6} mt="xs">
              {types.map((v) => (
                <Checkbox key={v.id} value={v.id} label={typeLabel(v, t)} />
              ))}
            </Stack>
          </Checkbox.Group>
        ) : (
          <>
            <Text size="sm">{t('schedules.noTypesYet')}</Text>
            {errors.visitTypes && (
              <Text size="sm" c="red.8" role="alert">
                {errors.visitTypes}
              </Text>
            )}
          </>
        )}
        {newTypes.map((row, i) => (
          <NewTypeRow
            key={i}
            index={i}
            row={row}
            error={errors[`newTypes.${i}`]}
            onChange={(patch) => change(i, patch)}
            onRemove={() => onNewTypes(newTypes.filter((_, j) => j !== i))}
          />
        ))}
        <Group>
          <Button variant="light" onClick={() => onNewTypes([...newTypes, emptyNewType()])}>
            {t('schedules.addType')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}

function NewTypeRow({
  index,
  row,
  error,
  onChange,
  onRemove,
}: {
  index: number;
  row: NewVisitTypeDraft;
  error: string | undefined;
  onChange: (patch: Partial<NewVisitTypeDraft>) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation('staff');
  return (
    <Paper withBorder radius="md" p="sm">
      <Fieldset legend={t('schedules.newType', { n: index + 1 })} variant="unstyled" className="plain-fieldset">
        <Stack gap="xs">
          {error && (
            <Text size="sm" c="red.8" role="alert">
              {error}
            </Text>
          )}
          <Group gap="sm" align="flex-end" wrap="wrap">
            <TextInput
              label={t('schedules.typeName')}
              value={row.name}
              onChange={(e) => onChange({ name: e.currentTarget.value })}
              maxLength={120}
              style={{ flex: '2 1 12rem' }}
            />
            <TextInput
              label={t('schedules.typeId')}
              description={t('schedules.idHint')}
              value={row.id}
              onChange={(e) => onChange({ id: e.currentTarget.value })}
              maxLength={63}
              style={{ flex: '1 1 10rem' }}
            />
            <TextInput
              label={t('schedules.typeMinutes')}
              type="number"
              min={5}
              max={480}
              step={5}
              value={row.minutes}
              onChange={(e) => onChange({ minutes: e.currentTarget.value })}
              style={{ flex: '0 1 7rem' }}
            />
            <NativeSelect
              label={t('schedules.typeMode')}
              value={row.mode}
              onChange={(e) => onChange({ mode: e.currentTarget.value === 'video' ? 'video' : 'in_person' })}
              data={[
                { value: 'in_person', label: t('schedules.mode.in_person') },
                { value: 'video', label: t('schedules.mode.video') },
              ]}
              style={{ flex: '0 1 9rem' }}
            />
            <TextInput
              label={t('schedules.typePrice')}
              description={t('schedules.typePriceHint')}
              inputMode="decimal"
              value={row.price}
              onChange={(e) => onChange({ price: e.currentTarget.value })}
              style={{ flex: '0 1 9rem' }}
            />
          </Group>
          <Group justify="space-between" wrap="wrap">
            <Checkbox
              label={t('schedules.selfSchedulable')}
              checked={row.selfSchedulable}
              onChange={(e) => onChange({ selfSchedulable: e.currentTarget.checked })}
            />
            <Button variant="default" onClick={onRemove}>
              {t('schedules.removeType', { n: index + 1 })}
            </Button>
          </Group>
        </Stack>
      </Fieldset>
    </Paper>
  );
}
