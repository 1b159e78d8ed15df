import { describeAccessLogEntry, describeActor, type AccessLogActor } from '../../../shared/access-log-words.ts';
import type { PatientScope } from '../../platform/access/scope.ts';
import type { AuditRecord } from '../../platform/audit/audit.ts';
import { addDaysToDate, startOfDayInZone } from '../../platform/calendar.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { AccountCard, AccountDirectory } from '../identity/account-directory.ts';
import type { FhirService } from '../fhir/fhir.service.ts';
import { VisitGroups, type EventGroup } from './access-log.grouping.ts';
import { translateAccessLog } from './access-log.words.ts';

/** Lines per page: about two phone screens. */
export const ACCESS_LOG_PAGE_LINES = 20;
/** Events read per query while a page fills. */
const BATCH = 200;
/** A page stops after this many events even when they make fewer lines (many hidden ones): its cursor goes on. */
const MAX_EVENTS_PER_PAGE = 2000;
/** The CSV download's limit, in events. */
const CSV_MAX_EVENTS = 20_000;

export interface AccessLogEntry {
  id: string;
  at: string;
  firstAt: string;
  count: number;
  actorId: string | null;
  actor: AccessLogActor;
  action: string;
  outcome: 'success' | 'failure';
}

export interface AccessLogFilter {
  from?: string;
  to?: string;
  actorId?: string;
  cursor?: string;
}

export interface AccessLogPage {
  entries: AccessLogEntry[];
  people: { actorId: string; actor: AccessLogActor }[];
  nextCursor: string | null;
}

type Before = { at: string; id: string };

/**
 * "Who has seen my record": every read and change of the record — by the patient, which proxy, which staff member in
 * which role — in plain words (src/shared/access-log-words.ts), repeated reads of one visit on one line, newest first
 * a page at a time, filterable by date and person, and as CSV. Events about items hidden from the reader (a minor's
 * confidential care, for a parent) are left out. Full-access proxies see it; view-only proxies do not.
 */
export class AccessLogService {
  constructor(
    private readonly ctx: AppContext,
    private readonly accounts: AccountDirectory,
    private readonly fhir: FhirService,
    /** Items of other modules the reader may not see yet (held test results): events about them are left out. */
    private readonly heldIds: (scope: PatientScope) => Promise<Set<string>> = async () => new Set(),
  ) {}

  /** One page of lines, older than `filter.cursor` (or the newest), and the cursor of the next page. */
  async page(access: PatientScope, filter: AccessLogFilter): Promise<AccessLogPage> {
    this.requireAllowed(access);
    const hidden = await this.hiddenFrom(access);
    const groups = new VisitGroups(ACCESS_LOG_PAGE_LINES);
    let before = filter.cursor ? parseCursor(filter.cursor) : undefined;
    let scanned = 0;
    let nextCursor: string | null = null;
    paging: for (;;) {
      const batch = await this.ctx.audit.pageForPatient(access.patientId, {
        ...this.range(filter),
        ...(before ? { before } : {}),
        limit: BATCH,
      });
      for (const e of batch) {
        const visible = !(e.subjectId && hidden.has(e.subjectId));
        if (visible && !groups.add(e)) {
          nextCursor = cursorOf(before!); // the page ends after the last event taken
          break paging;
        }
        before = { at: e.occurredAt, id: e.id };
        scanned += 1;
      }
      if (batch.length < BATCH) break;
      if (scanned >= MAX_EVENTS_PER_PAGE) {
        nextCursor = cursorOf(before!);
        break;
      }
    }
    const entries = await this.present(groups.lines, access);
    const people = new Map<string, AccessLogActor>();
    // A person is named by any entry that names them (a refusal alone does not).
    for (const e of entries)
      if (e.actorId && (people.get(e.actorId)?.kind ?? 'unknown') === 'unknown') people.set(e.actorId, e.actor);
    return { entries, people: [...people].map(([actorId, actor]) => ({ actorId, actor })), nextCursor };
  }

  /**
   * The whole log the filters select, one event a line (nothing grouped), as CSV: RFC 4180 quoting, and cells
   * starting with = + - @ prefixed so spreadsheets do not run them.
   */
  async csv(access: PatientScope, filter: AccessLogFilter): Promise<string> {
    this.requireAllowed(access);
    const hidden = await this.hiddenFrom(access);
    const events: AuditRecord[] = [];
    let before: Before | undefined;
    for (;;) {
      const batch = await this.ctx.audit.pageForPatient(access.patientId, {
        ...this.range(filter),
        ...(before ? { before } : {}),
        limit: BATCH * 5,
      });
      events.push(...batch.filter((e) => !(e.subjectId && hidden.has(e.subjectId))));
      const last = batch[batch.length - 1];
      if (!last || batch.length < BATCH * 5 || events.length >= CSV_MAX_EVENTS) break;
      before = { at: last.occurredAt, id: last.id };
    }
    const entries = await this.present(
      events.map((e) => ({ first: e, count: 1, firstAt: e.occurredAt })),
      access,
    );
    const patientName = access.relation === 'self' ? '' : await this.patientName(access);
    const record = { own: access.relation === 'self', patientName };
    const cell = (v: string) => `"${(/^[=+\-@]/.test(v) ? `'${v}` : v).replace(/"/g, '""')}"`;
    const rows = [
      ['time', 'who', 'what', 'outcome'],
      ...entries.map((e) => [
        e.at,
        describeActor(e.actor, translateAccessLog),
        describeAccessLogEntry(e, record, translateAccessLog),
        e.outcome === 'success' ? 'done' : 'refused',
      ]),
    ];
    return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
  }

  private requireAllowed(access: PatientScope): void {
    if (!access.canSeeAccessLog)
      throw new AppError(
        'forbidden',
        'access_log_not_allowed',
        'Only the patient and people with full access can see who has seen this record.',
      );
  }

  /** The date filter as times: from the start of `from` to the end of `to`, in the organisation's time zone. */
  private range(filter: AccessLogFilter): { from?: string; to?: string; actorId?: string } {
    const tz = this.ctx.config.tenant.organisation.timeZone;
    return {
      ...(filter.from ? { from: startOfDayInZone(filter.from, tz).toISOString() } : {}),
      ...(filter.to ? { to: startOfDayInZone(addDaysToDate(filter.to, 1), tz).toISOString() } : {}),
      ...(filter.actorId ? { actorId: filter.actorId } : {}),
    };
  }

  private async patientName(access: PatientScope): Promise<string> {
    return (await this.fhir.getPatient(access.patientId))?.displayName ?? '';
  }

  private async present(lines: EventGroup[], access: PatientScope): Promise<AccessLogEntry[]> {
    const names = await this.accounts.namesOf(lines.map((l) => l.first.actorId).filter((x): x is string => x !== null));
    return lines.map(({ first: e, count, firstAt }) => ({
      id: e.id,
      at: e.occurredAt,
      firstAt,
      count,
      actorId: e.actorId,
      actor: this.actorOf(e, access, e.actorId ? names.get(e.actorId) : undefined),
      action: e.action,
      outcome: e.outcome,
    }));
  }

  /** Who, as the reader knows them: themselves, the patient, a proxy (and level), staff (and role), or the system. */
  private actorOf(e: AuditRecord, access: PatientScope, account: AccountCard | undefined): AccessLogActor {
    if (e.actorType === 'system') return { kind: 'system', name: this.ctx.config.tenant.organisation.name, role: null };
    if (!account) return { kind: 'unknown', name: null, role: null };
    if (account.id === access.actor.id) return { kind: 'you', name: null, role: null };
    if (account.patientId === access.patientId && account.realm === 'patient')
      return { kind: 'patient', name: account.displayName, role: null };
    if (account.realm === 'staff') return { kind: 'staff', name: account.displayName, role: account.staffRole };
    if (e.outcome === 'failure' && e.action.endsWith('.denied')) return { kind: 'unknown', name: null, role: null };
    const level = e.actorRole === 'proxy-view-only' ? 'view_only' : e.actorRole === 'proxy-full' ? 'full' : null;
    return { kind: 'proxy', name: account.displayName, role: level };
  }

  /** Items the reader may not see: confidential ones (for proxies) and those other modules hold back. */
  private async hiddenFrom(access: PatientScope): Promise<Set<string>> {
    const [confidential, held] = await Promise.all([this.fhir.record(access).hiddenIds(), this.heldIds(access)]);
    return held.size ? new Set([...confidential, ...held]) : confidential;
  }
}

function cursorOf(b: Before): string {
  return `${b.at}_${b.id}`;
}

function parseCursor(cursor: string): Before {
  const cut = cursor.indexOf('_');
  return { at: cursor.slice(0, cut), id: cursor.slice(cut + 1) };
}
