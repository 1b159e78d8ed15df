import type { WorkItem } from '../../../shared/work-queue.ts';
import { allowedActions, isOverdue, type Worker } from './work-queue.policy.ts';
import type { WorkItemRow } from './work-queue.repository.ts';

/** Display names the presenter needs: patients from the record, colleagues from the staff directory. */
export interface Names {
  patients: Map<string, string>;
  staff: Map<string, string>;
}

/** Row → API shape: names instead of ids, the overdue flag, and what the viewer may do next. */
export function presentWorkItem(row: WorkItemRow, names: Names, viewer: Worker, now: Date): WorkItem {
  return {
    id: row.id,
    type: row.type,
    pool: row.pool,
    patient: row.patient_id
      ? { id: row.patient_id, displayName: names.patients.get(row.patient_id) ?? 'Unknown patient' }
      : null,
    status: row.status,
    assignee: row.assignee_id
      ? { id: row.assignee_id, displayName: names.staff.get(row.assignee_id) ?? 'Former colleague' }
      : null,
    dueAt: row.due_at,
    overdue: isOverdue(row, now),
    createdAt: row.created_at,
    closedAt: row.closed_at,
    closedBy: row.closed_by
      ? { id: row.closed_by, displayName: names.staff.get(row.closed_by) ?? 'Former colleague' }
      : null,
    outcome: row.outcome,
    outcomeNote: row.outcome_note,
    details: parseDetails(row.details),
    actions: allowedActions(row, viewer, now),
  };
}

function parseDetails(value: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
