import type { AuditRecord } from '../../platform/audit/audit.ts';

/** Reads of the same thing by the same person no more than this far apart are one visit: one line of the log. */
export const VISIT_GAP_MS = 30 * 60_000;

/** Reads repeat harmlessly (a page opened again, a list refreshed); changes are each worth a line of their own. */
export function isRepeatableRead(action: string): boolean {
  return /\.(read|pdf|listed|searched)$/.test(action);
}

/** One line of the log: an event, or `count` repeated reads from `firstAt` to `at`. */
export interface EventGroup {
  first: AuditRecord;
  count: number;
  firstAt: string;
}

/**
 * Collects events, newest first, into lines: a successful read joins the line of the same person's same read of the
 * same object when it is within a visit (VISIT_GAP_MS) of that line's oldest event, even with other events between
 * them; everything else starts a line. At most `maxLines` lines: `add` says false for an event that would start one
 * more, so a page ends just before it.
 */
export class VisitGroups {
  readonly lines: EventGroup[] = [];
  private readonly open = new Map<string, EventGroup>();

  constructor(private readonly maxLines: number) {}

  /** Adds an event older than (or as old as) every event added before it; false when the page is full. */
  add(e: AuditRecord): boolean {
    const key = repeatKey(e);
    const line = key === null ? undefined : this.open.get(key);
    if (line && Date.parse(line.firstAt) - Date.parse(e.occurredAt) <= VISIT_GAP_MS) {
      line.count += 1;
      line.firstAt = e.occurredAt;
      return true;
    }
    if (this.lines.length >= this.maxLines) return false;
    const fresh: EventGroup = { first: e, count: 1, firstAt: e.occurredAt };
    this.lines.push(fresh);
    if (key !== null) this.open.set(key, fresh);
    return true;
  }
}

function repeatKey(e: AuditRecord): string | null {
  if (e.outcome !== 'success' || !isRepeatableRead(e.action)) return null;
  return JSON.stringify([e.actorType, e.actorId, e.actorRole, e.action, e.subjectType, e.subjectId]);
}
