import type { Generated } from 'kysely';

/**
 * Column types as both engines return them. Timestamps are ISO-8601 UTC text ("2026-11-24T10:00:00.000Z"),
 * dates are "YYYY-MM-DD" text, JSON is text on SQLite and jsonb on PostgreSQL (read it with `parseJson`).
 */
export type JsonColumn = string | object;

export interface AuditEventTable {
  id: string;
  occurred_at: string;
  actor_type: 'patient' | 'proxy' | 'staff' | 'system' | 'anonymous';
  actor_id: string | null;
  actor_role: string | null;
  patient_id: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  outcome: 'success' | 'failure';
  ip: string | null;
  user_agent: string | null;
  detail: string | null;
}

export interface OutboxMessageTable {
  id: string;
  topic: string;
  dedupe_key: string;
  payload: string;
  status: 'pending' | 'processing' | 'done' | 'dead';
  attempts: Generated<number>;
  available_at: string;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  completed_at: string | null;
}

export interface FhirResourceTable {
  resource_type: string;
  id: string;
  patient_id: string | null;
  effective_date: string | null;
  status: string | null;
  category: string | null;
  code_system: string | null;
  code: string | null;
  security_labels: string | null;
  content: JsonColumn;
  source: string;
  updated_at: string;
}

export interface FhirPendingReferenceTable {
  source_type: string;
  source_id: string;
  target_id: string;
}

export interface Database {
  audit_event: AuditEventTable;
  outbox_message: OutboxMessageTable;
  fhir_resource: FhirResourceTable;
  fhir_pending_reference: FhirPendingReferenceTable;
}

/** JSON columns come back as text from SQLite and parsed from PostgreSQL's jsonb. */
export function parseJson<T>(value: JsonColumn): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
