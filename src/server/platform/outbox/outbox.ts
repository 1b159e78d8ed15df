import os from 'node:os';
import { newUlid as ulid } from '../ids.ts';
import type { Db } from '../../db/connection.ts';
import { parseJson } from '../../db/schema.ts';
import { toDbTime, type Clock } from '../clock.ts';
import type { EmailPayload } from '../email/mailer.ts';
import { DeferDeliveryError, PermanentDeliveryError, type Delivery, type OutboxLogger } from './delivery.ts';

export { DeferDeliveryError, PermanentDeliveryError, type Delivery, type OutboxLogger };
import {
  OutboxRepository,
  type DbHandle,
  type DeadLetterRow,
  type Lease,
  type OutboxRow,
  type OutboxStatus,
} from './outbox.repository.ts';

/**
 * Every topic and the payload it carries. A module adds its own topic by declaration merging
 * (`declare module '…/platform/outbox/outbox.ts' { interface OutboxTopics { 'waitlist.offer': {…} } }`),
 * so the platform never imports a module.
 */
export interface OutboxTopics {
  'email.send': EmailPayload;
}
/** A topic name; one handler per topic. */
export type OutboxTopic = keyof OutboxTopics;

/** A side effect to deliver once the caller's transaction commits. */
export interface OutboxMessage<T extends OutboxTopic> {
  topic: T;
  /**
   * Stable identity of the side effect (`activation-email:<accountId>`): enqueuing it again is a
   * no-op and the receiver sees it on every redelivery. It reaches mail headers and logs, so it is
   * built from ids and event names, never from names, addresses or clinical content.
   */
  dedupeKey: string;
  payload: OutboxTopics[T];
  /** Deliver no earlier than this (reminders); now when unset. */
  notBefore?: Date;
}

const dedupeKeyPattern = /^[\x21-\x7e]{1,200}$/;

/**
 * What modules call. `enqueue` writes through the caller's transaction, so the side effect exists
 * exactly when the change that caused it committed. The rest is the operator's view (dead letters).
 */
export class Outbox {
  readonly repository: OutboxRepository;
  constructor(
    db: Db,
    private readonly clock: Clock,
  ) {
    this.repository = new OutboxRepository(db.kysely, db.engine);
  }

  /** Returns the message's id and whether it was written now (false: the dedupe key was already enqueued; nothing changed). */
  async enqueue<T extends OutboxTopic>(
    trx: DbHandle,
    message: OutboxMessage<T>,
  ): Promise<{ id: string; created: boolean }> {
    if (!dedupeKeyPattern.test(message.dedupeKey)) {
      throw new TypeError('An outbox dedupe key is 1-200 printable ASCII characters without spaces.');
    }
    const now = this.clock.now();
    const id = ulid();
    const created = await this.repository.insert(trx, {
      id,
      topic: message.topic,
      dedupeKey: message.dedupeKey,
      payload: JSON.stringify(message.payload),
      availableAt: toDbTime(message.notBefore && message.notBefore > now ? message.notBefore : now),
      createdAt: toDbTime(now),
    });
    return created ? { id, created } : { id: await this.repository.idForDedupeKey(trx, message.dedupeKey), created };
  }

  /** Dead letters for the operator: never the payload. */
  listDead(limit = 100): Promise<DeadLetterRow[]> {
    return this.repository.listDead(limit);
  }

  /** Requeues a dead letter with a fresh set of attempts (after the cause was fixed). */
  retryDead(id: string): Promise<boolean> {
    return this.repository.retryDead(id, toDbTime(this.clock.now()));
  }

  /** Messages per status, e.g. to alert on a growing dead count. */
  counts(): Promise<Record<OutboxStatus, number>> {
    return this.repository.countByStatus();
  }
}

/** Delivers one message. Throwing means "try again later"; throw `PermanentDeliveryError` to give up at once. */
export type OutboxHandler<T extends OutboxTopic> = (payload: OutboxTopics[T], delivery: Delivery) => Promise<void>;

/** A one-line-per-event logger on stdout/stderr that honours the configured level (`silent` prints nothing). */
export function consoleOutboxLogger(level = 'info'): OutboxLogger {
  const rank = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'].indexOf(level);
  const at = (min: number, write: (line: string) => void) => (fields: object, msg: string) => {
    if (rank <= min) write(`${msg} ${JSON.stringify(fields)}`);
  };
  return { info: at(2, console.log), warn: at(3, console.warn), error: at(4, console.error) };
}

/** Tuning of one worker; the defaults suit email (60 s lease, 15 s first retry, 1 h cap, 10 attempts). */
export interface OutboxWorkerOptions {
  /** Names this worker in `locked_by`; defaults to host:pid:random. */
  workerId?: string;
  /** How long a claim is exclusive; after that another worker may take the message over. */
  leaseMs?: number;
  /** A handler still running after this long is abandoned and the attempt counts as failed (default half the lease). */
  handlerTimeoutMs?: number;
  batchSize?: number;
  pollIntervalMs?: number;
  /** Retry n waits min(capMs, baseMs·2^(n-1)); after maxAttempts failed attempts the message is dead. */
  backoff?: { baseMs?: number; capMs?: number; maxAttempts?: number };
  logger?: OutboxLogger;
}

/** What one `runOnce` did, by message id. */
export interface RunReport {
  claimed: number;
  delivered: string[];
  retried: { id: string; attempts: number; nextAttemptAt: string }[];
  dead: { id: string; attempts: number; error: string }[];
  /** Finished after losing the lease to another worker; that worker's outcome stands. */
  fenced: string[];
}

/**
 * Delivers outbox messages at least once: claim a batch under a lease, run each topic's handler,
 * then mark done, or schedule a retry with capped exponential backoff, or dead-letter. Several
 * workers (processes, nodes) may run against one database. Time comes from the injected clock.
 */
export class OutboxWorker {
  readonly workerId: string;
  private readonly handlers = new Map<string, OutboxHandler<OutboxTopic>>();
  private readonly repo: OutboxRepository;
  private readonly leaseMs: number;
  private readonly handlerTimeoutMs: number;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly backoff: { baseMs: number; capMs: number; maxAttempts: number };
  private readonly log: OutboxLogger;
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;

  constructor(
    outbox: Outbox,
    private readonly clock: Clock,
    options: OutboxWorkerOptions = {},
  ) {
    this.repo = outbox.repository;
    this.workerId = options.workerId ?? `${os.hostname()}:${process.pid}:${ulid().slice(-6)}`;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.handlerTimeoutMs = options.handlerTimeoutMs ?? Math.floor(this.leaseMs / 2);
    this.batchSize = options.batchSize ?? 10;
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.backoff = { baseMs: 15_000, capMs: 3_600_000, maxAttempts: 10, ...options.backoff };
    this.log = options.logger ?? consoleOutboxLogger();
  }

  /** Registers the one handler for a topic. */
  register<T extends OutboxTopic>(topic: T, handler: OutboxHandler<T>): this {
    this.handlers.set(topic, handler as unknown as OutboxHandler<OutboxTopic>);
    return this;
  }

  /** The wait before retry number `attempts` (1-based): base·2^(n-1), never more than the cap. */
  backoffMs(attempts: number): number {
    return Math.min(this.backoff.capMs, this.backoff.baseMs * 2 ** Math.max(0, attempts - 1));
  }

  /** Claims one batch and delivers it; the polling loop calls this, tests call it directly. */
  async runOnce(): Promise<RunReport> {
    const now = this.clock.now();
    const lease: Lease = { workerId: this.workerId, until: toDbTime(new Date(now.getTime() + this.leaseMs)) };
    const rows = await this.repo.claim(lease, toDbTime(now), this.batchSize);
    const report: RunReport = { claimed: rows.length, delivered: [], retried: [], dead: [], fenced: [] };
    await Promise.all(rows.map((row) => this.deliver(row, lease, report)));
    return report;
  }

  private async deliver(row: OutboxRow, lease: Lease, report: RunReport): Promise<void> {
    const fields = { id: row.id, topic: row.topic, dedupeKey: row.dedupe_key };
    const handler = this.handlers.get(row.topic);
    let outcome: { error: string; permanent: boolean; attempted: boolean };
    if (!handler) {
      outcome = { error: `no handler is registered for topic "${row.topic}"`, permanent: true, attempted: false };
    } else if (row.attempts >= this.backoff.maxAttempts) {
      outcome = {
        error: `gave up after ${row.attempts} attempts; last: ${row.last_error ?? 'unknown'}`,
        permanent: true,
        attempted: false,
      };
    } else {
      try {
        await this.runHandler(handler, row);
        if (await this.repo.markDone(row.id, lease, toDbTime(this.clock.now()))) report.delivered.push(row.id);
        else this.fenced(report, fields);
        return;
      } catch (err) {
        if (err instanceof DeferDeliveryError) return this.defer(row, lease, report, err);
        outcome = { error: describeError(err), permanent: err instanceof PermanentDeliveryError, attempted: true };
      }
    }
    const { error } = outcome;
    const attempts = row.attempts + (outcome.attempted ? 1 : 0);
    const now = this.clock.now();
    const retryAt =
      outcome.permanent || attempts >= this.backoff.maxAttempts
        ? null
        : toDbTime(new Date(now.getTime() + this.backoffMs(attempts)));
    if (!(await this.repo.markFailed(row.id, lease, { attempts, error, retryAt, now: toDbTime(now) }))) {
      this.fenced(report, fields);
    } else if (retryAt === null) {
      report.dead.push({ id: row.id, attempts, error });
      this.log.error({ ...fields, attempts, error }, 'outbox message is dead');
    } else {
      report.retried.push({ id: row.id, attempts, nextAttemptAt: retryAt });
      this.log.warn({ ...fields, attempts, error, nextAttemptAt: retryAt }, 'outbox delivery failed; will retry');
    }
  }

  private async defer(row: OutboxRow, lease: Lease, report: RunReport, err: DeferDeliveryError): Promise<void> {
    const fields = { id: row.id, topic: row.topic, dedupeKey: row.dedupe_key };
    const retryAt = toDbTime(err.until);
    const error = describeError(err);
    if (
      !(await this.repo.markFailed(row.id, lease, {
        attempts: row.attempts,
        error,
        retryAt,
        now: toDbTime(this.clock.now()),
      }))
    ) {
      this.fenced(report, fields);
      return;
    }
    report.retried.push({ id: row.id, attempts: row.attempts, nextAttemptAt: retryAt });
    this.log.info({ ...fields, reason: error, nextAttemptAt: retryAt }, 'outbox delivery deferred');
  }

  private fenced(report: RunReport, fields: { id: string }): void {
    report.fenced.push(fields.id);
    this.log.warn(fields, 'outbox lease was lost before finishing; another worker owns the message');
  }

  private async runHandler(handler: OutboxHandler<OutboxTopic>, row: OutboxRow): Promise<void> {
    let payload: OutboxTopics[OutboxTopic];
    try {
      payload = parseJson<OutboxTopics[OutboxTopic]>(row.payload);
    } catch {
      throw new PermanentDeliveryError('payload is not valid JSON');
    }
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(new Error(`handler did not finish within ${this.handlerTimeoutMs} ms`));
      }, this.handlerTimeoutMs);
    });
    const delivery: Delivery = {
      id: row.id,
      topic: row.topic,
      dedupeKey: row.dedupe_key,
      attempts: row.attempts,
      signal: abort.signal,
    };
    try {
      await Promise.race([handler(payload, delivery), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Starts polling: immediately again after a full batch, else every pollIntervalMs. The timer never keeps the process alive. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Stops polling and waits for the batch in flight to finish (its messages are then done or rescheduled). */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.inFlight;
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => this.tick(), ms);
    this.timer.unref();
  }

  private tick(): void {
    let next = this.pollIntervalMs;
    this.inFlight = this.runOnce()
      .then(
        (r) => {
          if (r.claimed >= this.batchSize) next = 0;
        },
        (err: unknown) => this.log.error({ workerId: this.workerId, error: describeError(err) }, 'outbox poll failed'),
      )
      .finally(() => {
        this.inFlight = undefined;
        if (this.running) this.schedule(next);
      });
  }
}

/** An error as stored in last_error and logs: its message, shortened, with email addresses removed. */
export function describeError(err: unknown): string {
  const text = err instanceof Error ? `${err.name === 'Error' ? '' : `${err.name}: `}${err.message}` : String(err);
  return text
    .replace(/[^\s<>"'@]+@[^\s<>"'@]+/g, '<address>')
    .replace(/\s+/g, ' ')
    .slice(0, 500);
}
