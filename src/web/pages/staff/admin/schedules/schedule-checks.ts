import type { TFunction } from 'i18next';
import { providerScheduleInputSchema, type ScheduleAdmin } from '../../../../../shared/appointments.ts';
import { ApiError } from '../../../../api/client.ts';
import {
  chosenExistingCount,
  dollarsToCents,
  draftToInput,
  errorKeyFor,
  type ScheduleDraft,
} from './schedule-draft.ts';

export type ScheduleErrors = Partial<Record<string, string>>;

/**
 * What is wrong with the form before it is sent, keyed as the editor shows errors (a field, a row, or a group): empty
 * times, an unreadable length or price, then the shared request schema's own messages. Empty: ready to send.
 */
export function checkDraft(
  draft: ScheduleDraft,
  existing: ScheduleAdmin['visitTypes'],
  t: TFunction<'staff'>,
): ScheduleErrors {
  const errors: ScheduleErrors = {};
  if (!draft.practitionerId) errors.practitionerId = t('schedules.errors.practitioner');
  if (draft.days.some((d) => d.open && d.ranges.some((r) => !r.start || !r.end)))
    errors.hours = t('schedules.errors.time');
  draft.newTypes.forEach((v, i) => {
    const minutes = Number(v.minutes);
    if (!Number.isInteger(minutes) || minutes < 5 || minutes > 480)
      errors[`newTypes.${i}`] = t('schedules.errors.minutes');
    else if (dollarsToCents(v.price) === -1) errors[`newTypes.${i}`] = t('schedules.errors.price');
  });
  draft.exceptions.forEach((e, i) => {
    if (!e.date) errors[`exceptions.${i}`] = t('schedules.errors.exceptionDate');
    else if (e.kind === 'open' && (!e.start || !e.end)) errors[`exceptions.${i}`] = t('schedules.errors.time');
  });
  if (Object.keys(errors).length > 0) return errors;
  const parsed = providerScheduleInputSchema.safeParse(draftToInput(draft, existing));
  if (parsed.success) return errors;
  const count = chosenExistingCount(draft, existing);
  for (const issue of parsed.error.issues) {
    const key = errorKeyFor(issue.path.join('.'), count) ?? 'form';
    errors[key] ??= issue.message;
  }
  return errors;
}

/** Where a refusal from the server goes in the form (its `field`), or null for the top of the form. */
export function serverErrorKey(err: unknown, draft: ScheduleDraft, existing: ScheduleAdmin['visitTypes']) {
  if (!(err instanceof ApiError) || !err.field) return null;
  return errorKeyFor(err.field, chosenExistingCount(draft, existing));
}
