import type { Kysely, Transaction } from 'kysely';
import { newUlid as ulid } from '../ids.ts';
import type { AuditAction } from '../../../shared/audit-actions.ts';
import type { Database } from '../../db/schema.ts';
import { toDbTime, type Clock } from '../clock.ts';
import { AuditRepository, type AuditRow } from './audit.repository.ts';

/** Events per group commit: 13 columns each, well under SQLite's limit on a statement's parameters. */
const MAX_GROUP = 500;

/** Who did something: the account that acted (and in which role), or the system itself. */
export interface AuditActor {
  type: 'patient' | 'proxy' | 'staff' | 'system' | 'anonymous';
  id: string | null;
  role?: string;
}

/** Where a request came from. */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

export interface AuditEntry {
  actor: AuditActor;
  /** The patient whose record was read or changed, when there is one. */
  patientId?: string | null;
  /** Dotted verb from the catalogue (src/shared/audit-actions.ts), e.g. `record.medications.read`. */
  action: AuditAction;
  subject?: { type: string; id: string };
  outcome?: 'success' | 'failure';
  origin?: RequestOrigin;
  /** Non-clinical detail only (counts, reasons); never health information. */
  detail?: Record<string, string | number | boolean | null>;
}

export interface AuditRecord {
  id: string;
  occurredAt: string;
  actorType: AuditActor['type'];
  actorId: string | null;
  actorRole: string | null;
  patientId: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  outcome: 'success' | 'failure';
  ip: string | null;
  userAgent: string | null;
  detail: Record<string, unknown> | null;
}

/**
 * The audit API every module writes through. Append-only: the table refuses UPDATE and DELETE.
 * Pass the caller's transaction so the event commits (or rolls back) with the change it records.
 */
export class AuditLog {
  private readonly repo: AuditRepository;
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {
    this.repo = new AuditRepository(db);
  }

  async record(entry: AuditEntry, trx: Kysely<Database> | Transaction<Database> = this.db): Promise<string> {
    const row = this.rowOf(entry);
    await this.repo.insert(trx, row);
    return row.id;
  }

  /** Several events in one statement (a list that touches many records): all committed, or none. */
  async recordMany(entries: AuditEntry[], trx: Kysely<Database> | Transaction<Database> = this.db): Promise<void> {
    for (let i = 0; i < entries.length; i += MAX_GROUP)
      await this.repo.insertMany(
        trx,
        entries.slice(i, i + MAX_GROUP).map((e) => this.rowOf(e)),
      );
  }

  /**
   * Records an event that is not part of a change — a read — and resolves once it is committed, so the caller can
   * let the data go. Events recorded by requests in the same moment commit together in one statement (a group
   * commit): under load, one disk flush serves many reads instead of one each, and a read still never leaves before
   * its event is on disk. Rejects, for every event of the group, when the group could not be written.
   */
  recordCommitted(entry: AuditEntry): Promise<string> {
    const row = this.rowOf(entry);
    return new Promise((resolve, reject) => {
      this.waiting.push({ row, resolve: () => resolve(row.id), reject });
      if (!this.flushScheduled && !this.flushing) {
        this.flushScheduled = true;
        // After the I/O callbacks of this turn of the event loop: the requests that arrived together join one group.
        setImmediate(() => void this.flush());
      }
    });
  }

  private readonly waiting: { row: AuditRow; resolve: () => void; reject: (err: unknown) => void }[] = [];
  private flushScheduled = false;
  private flushing = false;

  private async flush(): Promise<void> {
    this.flushScheduled = false;
    this.flushing = true;
    try {
      // Events that arrive while a group is being written form the next group.
      while (this.waiting.length) {
        const group = this.waiting.splice(0, MAX_GROUP);
        try {
          await this.repo.insertMany(
            this.db,
            group.map((g) => g.row),
          );
          for (const g of group) g.resolve();
        } catch (err) {
          for (const g of group) g.reject(err);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private rowOf(entry: AuditEntry): AuditRow {
    return {
      id: ulid(),
      occurred_at: toDbTime(this.clock.now()),
      actor_type: entry.actor.type,
      actor_id: entry.actor.id,
      actor_role: entry.actor.role ?? null,
      patient_id: entry.patientId ?? null,
      action: entry.action,
      subject_type: entry.subject?.type ?? null,
      subject_id: entry.subject?.id ?? null,
      outcome: entry.outcome ?? 'success',
      ip: entry.origin?.ip ?? null,
      user_agent: entry.origin?.userAgent?.slice(0, 400) ?? null,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
    };
  }

  /** Events about one patient's record, newest first (for the patient's own access log). */
  async forPatient(
    patientId: string,
    options: { from?: string; to?: string; limit?: number } = {},
  ): Promise<AuditRecord[]> {
    const rows = await this.repo.forPatient(patientId, { ...options, limit: options.limit ?? 500 });
    return rows.map(presentAuditRow);
  }

  /** A page of one patient's events older than `before`, newest first (the access log's keyset paging). */
  async pageForPatient(
    patientId: string,
    options: { from?: string; to?: string; actorId?: string; before?: { at: string; id: string }; limit: number },
  ): Promise<AuditRecord[]> {
    return (await this.repo.pageForPatient(patientId, options)).map(presentAuditRow);
  }

  /** An account's own security history: sign-ins, failures, locks, changes (the "Account activity" page). */
  async forActorOrSubject(accountId: string, actionPrefixes: string[], limit = 100): Promise<AuditRecord[]> {
    return (await this.repo.forAccount(accountId, actionPrefixes, limit)).map(presentAuditRow);
  }
}

function presentAuditRow(r: AuditRow): AuditRecord {
  return {
    id: r.id,
    occurredAt: r.occurred_at,
    actorType: r.actor_type,
    actorId: r.actor_id,
    actorRole: r.actor_role,
    patientId: r.patient_id,
    action: r.action,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    outcome: r.outcome,
    ip: r.ip,
    userAgent: r.user_agent,
    detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null,
  };
}
