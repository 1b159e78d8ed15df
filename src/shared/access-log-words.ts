import { AUDIT_ACTIONS, type CataloguedAuditAction } from './audit-actions.ts';

/**
 * Turns an access-log entry into the sentence the patient reads ("Dana Reyes (clinician) read your medications 4
 * times"). The words themselves live in the web locale under `accessLogWords` (src/web/locales/en-access-log.json,
 * loaded with the profile pages), keyed by the audit action; this module only picks the keys and the values put into
 * them, so the page (through i18next) and the CSV download (server) say the same thing.
 */

/** Who did it, as the access log shows them. */
export type AccessLogActorKind = 'you' | 'patient' | 'proxy' | 'staff' | 'system' | 'unknown';

export interface AccessLogActor {
  kind: AccessLogActorKind;
  /** The person's (or the organisation's) display name; null for `you` and `unknown`. */
  name: string | null;
  /** A staff member's role (`clinician`…), or a proxy's level (`full`, `view_only`); null otherwise. */
  role: string | null;
}

/** Looks up a string by its path under `accessLogWords` and fills in its values (`count` picks a plural form). */
export type AccessLogTranslate = (path: string[], values?: Record<string, string | number>) => string;

/** The record the log is about, from the reader's side. */
export interface AccessLogRecord {
  /** The reader is the patient: "your medications"; otherwise "Lucia Vargas's medications". */
  own: boolean;
  patientName: string;
}

const catalogued = new Set<string>(AUDIT_ACTIONS);
const DENIED = '.denied';

/** The key of an action's words: its own, the guard's refusal, or (for an action no longer written) a plain default. */
export function wordsKeyOf(action: string): string[] {
  if (action.endsWith(DENIED) && catalogued.has(action.slice(0, -DENIED.length))) return ['denied'];
  if (catalogued.has(action)) return ['actions', action as CataloguedAuditAction];
  return ['unknownAction'];
}

/** "Dana Reyes (clinician)", "You", "Elsa Vargas (proxy, full access)", "Someone without access". */
export function describeActor(actor: AccessLogActor, tr: AccessLogTranslate): string {
  const name = actor.name ?? '';
  switch (actor.kind) {
    case 'you':
      return tr(['who', 'you']);
    case 'unknown':
      return tr(['who', 'unknown']);
    case 'patient':
      return tr(['who', 'patient'], { name });
    case 'system':
      return tr(['who', 'system'], { name });
    case 'staff':
      return tr(['who', 'staff'], { name, role: tr(['roles', actor.role ?? 'unknown']) });
    case 'proxy':
      return tr(['who', actor.role === 'full' ? 'proxyFull' : actor.role === 'view_only' ? 'proxyViewOnly' : 'proxy'], {
        name,
      });
  }
}

/** The whole sentence of an entry, with "N times" when it stands for repeated reads. */
export function describeAccessLogEntry(
  entry: { action: string; actor: AccessLogActor; count: number },
  record: AccessLogRecord,
  tr: AccessLogTranslate,
): string {
  const who = describeActor(entry.actor, tr);
  const whom = entry.actor.kind === 'you' ? tr(['who', 'youLower']) : who;
  const whose = record.own ? tr(['whose', 'own']) : tr(['whose', 'other'], { name: record.patientName });
  const sentence = tr(wordsKeyOf(entry.action), { who, whom, whose });
  return tr(['repeated'], { sentence, count: entry.count });
}
