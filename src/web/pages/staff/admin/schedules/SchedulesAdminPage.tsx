import { Alert, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScheduleAdmin } from '../../../../../shared/appointments.ts';
import { usePortalConfig } from '../../../../hooks/use-portal-config.ts';
import { ListState } from '../../ListState.tsx';
import { StaffFrame } from '../../StaffFrame.tsx';
import { formatDate, todayInZone } from '../../format.ts';
import { useScheduleAdmin } from '../../visits/schedule-admin-api.ts';
import { draftFrom, type ScheduleDraft } from './schedule-draft.ts';
import { hoursInWords } from './schedule-words.ts';
import { ScheduleEditor } from './ScheduleEditor.tsx';

type Schedule = ScheduleAdmin['schedules'][number];

/**
 * Administration → Schedules: every provider's defined schedule (department, clinic, weekly hours in words, visit
 * types) with Edit, and "Add a provider". Open slots for patients and the front desk derive from these.
 */
export function SchedulesAdminPage() {
  const { t } = useTranslation('staff');
  const { timeZone } = usePortalConfig();
  const overview = useScheduleAdmin();
  const [editor, setEditor] = useState<{ n: number; draft: ScheduleDraft; editing: boolean } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const schedules = overview.data?.schedules ?? [];

  function open(schedule: Schedule | null) {
    setSaved(null);
    setEditor((prev) => ({
      n: (prev?.n ?? 0) + 1,
      draft: draftFrom(schedule, todayInZone(timeZone)),
      editing: !!schedule,
    }));
  }

  return (
    <StaffFrame title={t('schedules.title')}>
      <Stack gap="xl">
        <Text>{t('schedules.intro')}</Text>
        <section>
          <Title order={2} size="h3" id="schedules-list-heading" mb="sm">
            {t('schedules.listHeading')}
          </Title>
          {saved && (
            <Alert role="status" color="green" variant="light" mb="sm" title={t('schedules.savedTitle')}>
              {t('schedules.saved', { name: saved })}
            </Alert>
          )}
          <ListState
            isPending={overview.isPending}
            error={overview.error}
            isEmpty={schedules.length === 0}
            empty={t('schedules.empty')}
            onRetry={() => void overview.refetch()}
          >
            {overview.data && <SchedulesTable admin={overview.data} onEdit={open} />}
          </ListState>
          {overview.data && !editor && (
            <Group mt="md">
              <Button onClick={() => open(null)}>{t('schedules.add')}</Button>
            </Group>
          )}
        </section>
        {overview.data && editor && (
          <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
            <ScheduleEditor
              key={editor.n}
              admin={overview.data}
              initial={editor.draft}
              editing={editor.editing}
              onCancel={() => setEditor(null)}
              onSaved={(name) => {
                setEditor(null);
                setSaved(name);
              }}
            />
          </Paper>
        )}
      </Stack>
    </StaffFrame>
  );
}

function SchedulesTable({ admin, onEdit }: { admin: ScheduleAdmin; onEdit: (s: Schedule) => void }) {
  const { t } = useTranslation('staff');
  const clinic = (id: string) => admin.organisations.find((o) => o.id === id)?.name ?? id;
  const typeName = (id: string) => admin.visitTypes.find((v) => v.id === id)?.name ?? id;
  const dates = (s: Schedule) =>
    s.validFrom && s.validTo
      ? t('schedules.validBetween', { from: formatDate(s.validFrom), to: formatDate(s.validTo) })
      : s.validFrom
        ? t('schedules.validSince', { from: formatDate(s.validFrom) })
        : t('schedules.validAlways');
  return (
    <Table.ScrollContainer
      minWidth={900}
      type="native"
      tabIndex={0}
      role="region"
      aria-labelledby="schedules-list-heading"
    >
      <Table striped verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('schedules.colProvider')}</Table.Th>
            <Table.Th scope="col">{t('schedules.colDepartment')}</Table.Th>
            <Table.Th scope="col">{t('schedules.colHours')}</Table.Th>
            <Table.Th scope="col">{t('schedules.colTypes')}</Table.Th>
            <Table.Th scope="col">{t('schedules.colActions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {admin.schedules.map((s) => (
            <Table.Tr key={s.practitionerId}>
              <Table.Th scope="row" fw={600}>
                {s.providerName}
              </Table.Th>
              <Table.Td>
                <Text size="sm">{s.department.name}</Text>
                <Text size="sm" c="dimmed">
                  {t('schedules.clinicAndPhone', {
                    clinic: clinic(s.department.organisationId),
                    phone: s.department.phone,
                  })}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{hoursInWords(s.hours, t) ?? t('schedules.noHours')}</Text>
                <Text size="sm" c="dimmed">
                  {dates(s)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{s.visitTypeIds.map(typeName).join(t('schedules.typeJoin'))}</Text>
              </Table.Td>
              <Table.Td>
                <Button
                  size="xs"
                  variant="light"
                  onClick={() => onEdit(s)}
                  aria-label={t('schedules.editFor', { name: s.providerName })}
                >
                  {t('schedules.edit')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
