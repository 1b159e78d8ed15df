import type { TFunction } from 'i18next';
import type { WorkItem } from '../../../../shared/work-queue.ts';

/**
 * A pool's name for people: "Front desk", "Care team: Good Health Clinic". Care-team pools are named by the
 * organisation the pools endpoint gives for them (`names`); without one, "Care team" and the start of its id.
 */
export function poolLabel(pool: string, t: TFunction<'staff'>, names?: Record<string, string>): string {
  if (pool.startsWith('care_team:')) {
    const name = names?.[pool];
    return name
      ? t('pools.careTeamNamed', { name })
      : t('pools.careTeamUnnamed', { short: pool.slice('care_team:'.length, 'care_team:'.length + 8) });
  }
  return t(`pools.${pool}`, { defaultValue: pool });
}

/** One line saying what the item is about: parent and child for a proxy request, subject and patient for a message, the requester for a code request, else the patient. */
export function itemSummary(item: WorkItem, t: TFunction<'staff'>): string {
  const type = t(`types.${item.type}`, { defaultValue: item.type });
  if (item.type === 'proxy_request') {
    const p = item.details as { requesterName?: unknown; childFirstName?: unknown; childLastName?: unknown };
    if (
      typeof p.requesterName === 'string' &&
      typeof p.childFirstName === 'string' &&
      typeof p.childLastName === 'string'
    ) {
      return t('queue.proxyItemTitle', {
        type,
        parent: p.requesterName,
        child: `${p.childFirstName} ${p.childLastName}`,
      });
    }
  }
  if (item.type === 'refill_request') {
    const r = item.details as { medication?: unknown };
    if (typeof r.medication === 'string')
      return t('queue.refillItemTitle', {
        type,
        medication: r.medication,
        who: item.patient?.displayName ?? t('queue.unknownPatient'),
      });
  }
  if (item.type === 'patient_message') {
    const m = item.details as { subject?: unknown };
    if (typeof m.subject === 'string')
      return t('queue.messageItemTitle', {
        type,
        subject: m.subject,
        who: item.patient?.displayName ?? t('queue.unknownPatient'),
      });
  }
  const d = item.details as { firstName?: unknown; lastName?: unknown };
  const who =
    item.patient?.displayName ??
    (typeof d.firstName === 'string' && typeof d.lastName === 'string' ? `${d.firstName} ${d.lastName}` : null);
  return who ? t('queue.itemTitle', { type, who }) : type;
}
