import type { PatientScope } from '../../platform/access/scope.ts';
import type { AuditRecord } from '../../platform/audit/audit.ts';
import { addDaysToDate, startOfDayInZone } from '../../platform/calendar.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { AccountDirectory } from '../identity/account-directory.ts';
import type { FhirService } from '../fhir/fhir.service.ts';

/** Plain words for audit actions, by prefix; the most specific first. */
const WORDS: [string, string][] = [
  ['record.access_log.read', 'Opened the access log'],
  ['record.summary.read', 'Opened the record'],
  ['record.sharing.read', 'Looked at who has access'],
  ['proxy.grant.created', 'Gave proxy access'],
  ['proxy.grant.revoked', 'Ended proxy access'],
  ['proxy.invitation', 'Proxy invitation'],
  ['identity.activation_code.issued', 'Issued an activation code'],
  ['identity.account.created', 'Created the portal account'],
  ['fhir.import', 'Records received from the health system'],
  ['auth.signin', 'Signed in'],
  ['auth.signout', 'Signed out'],
  ['auth.account.locked', 'Account locked after failed sign-ins'],
  ['account.', 'Changed account settings'],
  ['staff.patient', 'Looked up the patient'],
  ['work_item', 'Worked a staff request'],
];

export function describeAction(action: string): string {
  if (action.endsWith('.denied')) return 'Tried to open the record without access';
  return WORDS.find(([prefix]) => action.startsWith(prefix))?.[1] ?? action;
}

export interface AccessLogEntry {
  at: string;
  who: string;
  actorId: string | null;
  actorType: string;
  action: string;
  what: string;
  outcome: 'success' | 'failure';
}

/**
 * "Who has seen my record": every read and change of the record — by the patient, which proxy, which staff member in
 * which role — filterable by date and person, and as CSV. Full-access proxies see it; view-only proxies do not.
 */
export class AccessLogService {
  constructor(
    private readonly ctx: AppContext,
    private readonly accounts: AccountDirectory,
    private readonly fhir: FhirService,
  ) {}

  async entries(
    access: PatientScope,
    filter: { from?: string; to?: string; actorId?: string },
  ): Promise<{ entries: AccessLogEntry[]; people: { actorId: string; who: string }[] }> {
    if (!access.canSeeAccessLog)
      throw new AppError(
        'forbidden',
        'access_log_not_allowed',
        'Only the patient and people with full access can see who has seen this record.',
      );
    const tz = this.ctx.config.tenant.organisation.timeZone;
    const events = await this.ctx.audit.forPatient(access.patientId, {
      ...(filter.from ? { from: startOfDayInZone(filter.from, tz).toISOString() } : {}),
      ...(filter.to ? { to: startOfDayInZone(addDaysToDate(filter.to, 1), tz).toISOString() } : {}),
      limit: 2000,
    });
    const hidden = await this.fhir.record(access).hiddenIds();
    const shown = events.filter((e) => !(e.subjectId && hidden.has(e.subjectId)));
    const names = await this.accounts.namesOf(shown.map((e) => e.actorId).filter((x): x is string => x !== null));
    const all = shown.map((e) => this.present(e, access, names));
    const people = [
      ...new Map(all.filter((e) => e.actorId).map((e) => [e.actorId!, { actorId: e.actorId!, who: e.who }])).values(),
    ];
    return { entries: filter.actorId ? all.filter((e) => e.actorId === filter.actorId) : all, people };
  }

  /** The same entries as CSV (RFC 4180 quoting; cells starting with = + - @ are prefixed so spreadsheets do not run them). */
  toCsv(entries: AccessLogEntry[]): string {
    const cell = (v: string) => `"${(/^[=+\-@]/.test(v) ? `'${v}` : v).replace(/"/g, '""')}"`;
    const rows = [
      ['time', 'who', 'what', 'outcome', 'action'],
      ...entries.map((e) => [e.at, e.who, e.what, e.outcome, e.action]),
    ];
    return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
  }

  private present(
    e: AuditRecord,
    access: PatientScope,
    names: Map<string, { displayName: string; realm: string; staffRole: string | null; patientId: string | null }>,
  ): AccessLogEntry {
    const account = e.actorId ? names.get(e.actorId) : undefined;
    let who: string;
    if (e.actorType === 'system') who = `${this.ctx.config.tenant.organisation.name} (system)`;
    else if (!account) who = 'Someone without access';
    else if (account.patientId === access.patientId && account.realm === 'patient')
      who = access.relation === 'self' ? 'You' : `${account.displayName} (the patient)`;
    else if (account.realm === 'staff')
      who = `${account.displayName} (${(account.staffRole ?? 'staff').replace('_', ' ')})`;
    else if (e.outcome === 'failure' && e.action.endsWith('.denied')) who = 'Someone without access';
    else
      who = `${account.displayName} (proxy${e.actorRole === 'proxy-view-only' ? ', view-only' : e.actorRole === 'proxy-full' ? ', full access' : ''})`;
    return {
      at: e.occurredAt,
      who,
      actorId: e.actorId,
      actorType: e.actorType,
      action: e.action,
      what: describeAction(e.action),
      outcome: e.outcome,
    };
  }
}
