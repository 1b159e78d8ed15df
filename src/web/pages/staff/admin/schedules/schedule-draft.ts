import type { ProviderScheduleInput, ScheduleAdmin } from '../../../../../shared/appointments.ts';

/**
 * The schedule editor's form state and its conversion to the request: times as the time inputs hold them ("13:00"),
 * numbers and prices as typed, and the weekly hours as a row per weekday (Sunday = 0) with up to two ranges.
 */
export interface TimeRange {
  start: string;
  end: string;
}
export interface DayDraft {
  open: boolean;
  ranges: TimeRange[];
}
export interface NewVisitTypeDraft {
  id: string;
  name: string;
  minutes: string;
  mode: 'in_person' | 'video';
  selfSchedulable: boolean;
  price: string;
}
export interface ExceptionDraft {
  date: string;
  kind: 'closed' | 'open';
  start: string;
  end: string;
  reason: string;
}
export interface ScheduleDraft {
  practitionerId: string;
  providerName: string;
  organisationId: string;
  department: { id: string; name: string; phone: string; address: string; instructions: string };
  visitTypeIds: string[];
  newTypes: NewVisitTypeDraft[];
  days: DayDraft[];
  validFrom: string;
  validTo: string;
  exceptions: ExceptionDraft[];
}

type Schedule = ScheduleAdmin['schedules'][number];

/** Minutes after midnight as a time input's value ("13:05"). */
export function minutesToTime(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** A time input's value as minutes after midnight; null when empty or not a time. */
export function timeToMinutes(value: string): number | null {
  const match = /^(\d{2}):(\d{2})/.exec(value);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

export const emptyNewType = (): NewVisitTypeDraft => ({
  id: '',
  name: '',
  minutes: '',
  mode: 'in_person',
  selfSchedulable: true,
  price: '',
});
export const emptyException = (): ExceptionDraft => ({ date: '', kind: 'closed', start: '', end: '', reason: '' });
export const emptyRange = (): TimeRange => ({ start: '', end: '' });

/** A new provider's blank form, or an existing schedule's current definition (exceptions start empty: they are added). */
export function draftFrom(schedule: Schedule | null, today: string): ScheduleDraft {
  const days = Array.from({ length: 7 }, (_, weekday): DayDraft => {
    const ranges = (schedule?.hours ?? [])
      .filter((h) => h.weekday === weekday)
      .sort((a, b) => a.start - b.start)
      .map((h) => ({ start: minutesToTime(h.start), end: minutesToTime(h.end) }));
    return ranges.length > 0 ? { open: true, ranges } : { open: false, ranges: [emptyRange()] };
  });
  const d = schedule?.department;
  return {
    practitionerId: schedule?.practitionerId ?? '',
    providerName: schedule?.providerName ?? '',
    organisationId: d?.organisationId ?? '',
    department: {
      id: d?.id ?? '',
      name: d?.name ?? '',
      phone: d?.phone ?? '',
      address: d?.address ?? '',
      instructions: d?.instructions ?? '',
    },
    visitTypeIds: schedule?.visitTypeIds ?? [],
    newTypes: [],
    days,
    validFrom: schedule?.validFrom ?? today,
    validTo: schedule?.validTo ?? '',
    exceptions: [],
  };
}

const optional = (s: string) => (s.trim() ? s.trim() : undefined);
/** An empty or unreadable time is sent as -1, which the server refuses next to the field (hours, exceptions.N.start). */
const minutesOrInvalid = (value: string) => timeToMinutes(value) ?? -1;

/** Dollars as typed ("45" or "45.50") → cents; empty → none; unreadable → -1 (refused by the server next to the row). */
export function dollarsToCents(value: string): number | undefined {
  const trimmed = value.trim().replace(/^\$/, '');
  if (!trimmed) return undefined;
  return /^\d+(\.\d{1,2})?$/.test(trimmed) ? Math.round(Number(trimmed) * 100) : -1;
}

/** The request the editor sends: the chosen existing visit types first (in `existing` order), then the new ones. */
export function draftToInput(draft: ScheduleDraft, existing: ScheduleAdmin['visitTypes']): ProviderScheduleInput {
  const chosen = existing.filter((v) => draft.visitTypeIds.includes(v.id));
  return {
    department: {
      id: draft.department.id.trim(),
      organisationId: draft.organisationId,
      name: draft.department.name,
      phone: draft.department.phone,
      address: optional(draft.department.address),
      instructions: optional(draft.department.instructions),
    },
    visitTypes: [
      ...chosen.map((v) => ({
        id: v.id,
        name: v.name,
        minutes: v.minutes,
        mode: v.mode,
        selfSchedulable: v.selfSchedulable,
        ...(v.priceCents === null ? {} : { priceCents: v.priceCents }),
      })),
      ...draft.newTypes.map((v) => {
        const priceCents = dollarsToCents(v.price);
        return {
          id: v.id.trim(),
          name: v.name,
          minutes: Number(v.minutes) || 0,
          mode: v.mode,
          selfSchedulable: v.selfSchedulable,
          ...(priceCents === undefined ? {} : { priceCents }),
        };
      }),
    ],
    providerName: draft.providerName,
    hours: draft.days.flatMap((day, weekday) =>
      day.open
        ? day.ranges.map((r) => ({ weekday, start: minutesOrInvalid(r.start), end: minutesOrInvalid(r.end) }))
        : [],
    ),
    validFrom: draft.validFrom,
    validTo: optional(draft.validTo),
    exceptions: draft.exceptions.map((e) => ({
      date: e.date,
      kind: e.kind,
      ...(e.kind === 'open' ? { start: minutesOrInvalid(e.start), end: minutesOrInvalid(e.end) } : {}),
      reason: optional(e.reason),
    })),
  };
}

/** How many of the sent visit types were existing ones (a server error on visitTypes.N beyond them is a new row's). */
export function chosenExistingCount(draft: ScheduleDraft, existing: ScheduleAdmin['visitTypes']): number {
  return existing.filter((v) => draft.visitTypeIds.includes(v.id)).length;
}

/**
 * Where a server error goes in the form: its own field, the row of an exception or a new visit type, or the
 * group it belongs to (hours, visit types). Unknown fields: null (the message goes at the top of the form).
 */
export function errorKeyFor(field: string, existingCount: number): string | null {
  const f = field.replace(/^body\./, '');
  const exception = /^exceptions\.(\d+)/.exec(f);
  if (exception) return `exceptions.${exception[1]}`;
  const type = /^visitTypes\.(\d+)/.exec(f);
  if (type) {
    const n = Number(type[1]);
    return n >= existingCount ? `newTypes.${n - existingCount}` : 'visitTypes';
  }
  if (f.startsWith('visitTypes')) return 'visitTypes';
  if (f.startsWith('hours')) return 'hours';
  if (f === 'department.organisationId') return 'organisationId';
  if (f.startsWith('department.')) return f.split('.').slice(0, 2).join('.');
  if (['practitionerId', 'providerName', 'validFrom', 'validTo'].includes(f)) return f;
  return null;
}
