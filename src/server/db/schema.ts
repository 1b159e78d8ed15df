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
  /** Patients: lower-case names and birth date, for staff's patient search. */
  search_text: string | null;
  content: JsonColumn;
  source: string;
  updated_at: string;
}

export interface FhirPendingReferenceTable {
  source_type: string;
  source_id: string;
  target_id: string;
}

export interface Database extends IdentityTables {
  audit_event: AuditEventTable;
  outbox_message: OutboxMessageTable;
  fhir_resource: FhirResourceTable;
  fhir_pending_reference: FhirPendingReferenceTable;
}

/** JSON columns come back as text from SQLite and parsed from PostgreSQL's jsonb. */
export function parseJson<T>(value: JsonColumn): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

export type Realm = 'patient' | 'staff';
export type StaffRole = 'clinician' | 'nurse' | 'front_desk' | 'him' | 'billing' | 'admin';

export interface AccountTable {
  id: string;
  realm: Realm;
  username: string;
  username_display: string;
  password_hash: string;
  patient_id: string | null;
  display_name: string;
  staff_role: StaffRole | null;
  email: string | null;
  email_verified_at: string | null;
  phone: string | null;
  phone_verified_at: string | null;
  address: string | null;
  totp_secret: string | null;
  totp_enabled_at: string | null;
  totp_pending_secret: string | null;
  totp_last_step: number | null;
  status: 'active' | 'disabled';
  password_changed_at: string;
  /** Set while the password is a one-time password an admin gave (reset): when it stops working. Null: their own. */
  one_time_password_expires_at: string | null;
  created_at: string;
}

export interface SessionTable {
  id_hash: string;
  account_id: string;
  realm: Realm;
  stage: 'second_factor' | 'full';
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
  ip: string | null;
  user_agent: string | null;
}

export interface ActivationCodeTable {
  id: string;
  code_hash: string;
  patient_id: string;
  encounter_id: string | null;
  visit_date: string;
  expires_at: string;
  issued_by: string;
  issued_at: string;
  used_at: string | null;
  used_by: string | null;
  revoked_at: string | null;
}

export interface OneTimeCodeTable {
  id: string;
  account_id: string;
  purpose: 'verify_email' | 'verify_phone' | 'reset_password';
  target: string | null;
  code_hash: string;
  attempts: Generated<number>;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface RecoveryCodeTable {
  account_id: string;
  code_hash: string;
  used_at: string | null;
}

/** One attempt counter per key, shared by every app node and changed atomically (platform/rate-limit). */
export interface RateLimitTable {
  key: string;
  points: number;
  /** Milliseconds since the epoch (PostgreSQL returns bigint as a string). */
  expire_at: number | string | null;
}

/** A device an account has fully signed in from: its cookie lets the owner past a lock someone else caused. */
export interface KnownDeviceTable {
  token_hash: string;
  account_id: string;
  created_at: string;
  last_used_at: string;
}

export interface InstanceSettingTable {
  key: string;
  value: string;
}

export interface WorkItemTable {
  id: string;
  type: string;
  pool: string;
  patient_id: string | null;
  status: 'open' | 'in_progress' | 'closed';
  assignee_id: string | null;
  due_at: string;
  details: string;
  outcome: string | null;
  outcome_note: string | null;
  created_at: string;
  closed_at: string | null;
  closed_by: string | null;
  /** Who holds the item's short lease (a random token per attempt) and until when. */
  locked_by: string | null;
  locked_until: string | null;
}

/** The organisations (FHIR Organization ids) a staff member works for. */
export interface StaffOrganisationTable {
  account_id: string;
  organisation_id: string;
}

/** The organisations a patient was seen at (from the record's encounters). */
export interface PatientOrganisationTable {
  patient_id: string;
  organisation_id: string;
}

export interface ProxyGrantTable {
  id: string;
  patient_id: string;
  grantee_account_id: string;
  kind: 'minor' | 'adult';
  level: 'full' | 'view_only';
  relationship: string;
  status: 'active' | 'revoked';
  granted_by: string;
  granted_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
  ending_notice_sent_at: string | null;
  /** Why staff gave this access directly (a minor's record given to a parent at the desk); null otherwise. */
  reason: string | null;
}

export interface ProxyInvitationTable {
  id: string;
  patient_id: string;
  inviter_account_id: string;
  invitee_account_id: string;
  level: 'full' | 'view_only';
  relationship: string;
  status: 'pending' | 'accepted' | 'declined' | 'cancelled';
  created_at: string;
  decided_at: string | null;
  /** One per form: a repeat returns the first (unique per inviter/requester). Null on rows from before it. */
  idempotency_key: string | null;
}

export interface ProxyRequestTable {
  id: string;
  requester_account_id: string;
  work_item_id: string;
  child_name: string;
  status: 'pending' | 'approved' | 'denied';
  note: string | null;
  created_at: string;
  decided_at: string | null;
  /** One per form: a repeat returns the first (unique per inviter/requester). Null on rows from before it. */
  idempotency_key: string | null;
}

export interface IdentityTables {
  proxy_request: ProxyRequestTable;
  proxy_grant: ProxyGrantTable;
  proxy_invitation: ProxyInvitationTable;
  account: AccountTable;
  session: SessionTable;
  activation_code: ActivationCodeTable;
  one_time_code: OneTimeCodeTable;
  recovery_code: RecoveryCodeTable;
  rate_limit: RateLimitTable;
  known_device: KnownDeviceTable;
  instance_setting: InstanceSettingTable;
  work_item: WorkItemTable;
  staff_organisation: StaffOrganisationTable;
  patient_organisation: PatientOrganisationTable;
  notification_preference: NotificationPreferenceTable;
  notification: NotificationTable;
  notification_delivery: NotificationDeliveryTable;
  message_thread: MessageThreadTable;
  message: MessageTable;
  message_read: MessageReadTable;
  message_attachment: MessageAttachmentTable;
  record_amendment: RecordAmendmentTable;
  patient_document: PatientDocumentTable;
  lab_result: LabResultTable;
  lab_result_value: LabResultValueTable;
  lab_result_view: LabResultViewTable;
  result_preference: ResultPreferenceTable;
  refill_request: RefillRequestTable;
  visit_instruction: VisitInstructionTable;
  education_topic: EducationTopicTable;
  department: DepartmentTable;
  visit_type: VisitTypeTable;
  schedule_provider: ScheduleProviderTable;
  schedule_block: ScheduleBlockTable;
  schedule_exception: ScheduleExceptionTable;
  appointment: AppointmentTable;
  provider_time: ProviderTimeTable;
  wait_list_entry: WaitListEntryTable;
  wait_list_offer: WaitListOfferTable;
  appointment_request: AppointmentRequestTable;
  visit_note: VisitNoteTable;
}

export interface NotificationPreferenceTable {
  account_id: string;
  event_type: string;
  email: number;
  sms: number;
  updated_at: string;
}

export interface NotificationTable {
  id: string;
  account_id: string;
  event_type: string;
  patient_id: string | null;
  dedupe_key: string;
  created_at: string;
  read_at: string | null;
}

export interface NotificationDeliveryTable {
  id: string;
  recipient_key: string;
  sent_at: string;
}

export interface MessageThreadTable {
  id: string;
  patient_id: string;
  kind: 'medical' | 'customer_service';
  topic: string | null;
  subject: string;
  counterpart: string;
  practitioner_id: string | null;
  pool: string;
  details: string | null;
  about_type: string | null;
  about_id: string | null;
  status: 'open' | 'closed';
  work_item_id: string | null;
  outcome: string | null;
  created_by: string;
  created_at: string;
  last_message_at: string;
  last_author_kind: 'patient' | 'proxy' | 'staff';
}

export interface MessageTable {
  id: string;
  thread_id: string;
  author_kind: 'patient' | 'proxy' | 'staff';
  author_account_id: string;
  author_name: string;
  author_role: string | null;
  body: string;
  idempotency_key: string | null;
  created_at: string;
}

export interface MessageReadTable {
  thread_id: string;
  account_id: string;
  read_at: string;
}

export interface MessageAttachmentTable {
  id: string;
  patient_id: string;
  message_id: string | null;
  uploaded_by: string;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  created_at: string;
}

export interface RecordAmendmentTable {
  id: string;
  patient_id: string;
  thread_id: string;
  requested: string;
  amendment: string;
  decided_by: string;
  decided_at: string;
  /** The record item the correction was about (FHIR type and id), or null when the request named none. */
  item_type: string | null;
  item_id: string | null;
}

/** A letter or records released to a patient (Health → Documents); the file is kept by id under the data directory. */
export interface PatientDocumentTable {
  id: string;
  patient_id: string;
  kind: 'records' | 'letter' | 'visit_summary';
  title: string;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  /** 1: it holds something proxies may not see (adolescent confidentiality), so proxies are not shown it. */
  hidden_from_proxies: number;
  thread_id: string | null;
  released_by: string;
  released_at: string;
}

export interface RefillRequestTable {
  id: string;
  patient_id: string;
  medication_id: string;
  status: 'requested' | 'approved' | 'denied';
  pharmacy: string;
  comment: string | null;
  requested_by: string;
  requested_at: string;
  idempotency_key: string;
  work_item_id: string | null;
  decided_by: string | null;
  decided_at: string | null;
  reason: string | null;
}

export interface VisitInstructionTable {
  id: string;
  patient_id: string;
  encounter_id: string;
  title: string;
  text: string;
  author_account_id: string;
  author_name: string;
  created_at: string;
}

export interface EducationTopicTable {
  id: string;
  title: string;
  body: string;
  codes: string;
  updated_at: string;
}

/** A laboratory result (report or stand-alone observation) the import indexed, with its release and review. */
export interface LabResultTable {
  id: string;
  resource_type: 'DiagnosticReport' | 'Observation';
  patient_id: string;
  organisation_id: string | null;
  name: string;
  search_text: string;
  code: string | null;
  category: string | null;
  code_system: string | null;
  security_labels: string | null;
  collected_at: string | null;
  resulted_at: string | null;
  sort_at: string;
  encounter_id: string | null;
  hospital: number;
  flag: string | null;
  out_of_range: number;
  component_count: number;
  ordered_by: string | null;
  performer: string | null;
  conclusion: string | null;
  /** From when the patient may see it; null: held until a clinician releases it. */
  visible_from: string | null;
  hold_reason: string | null;
  news: number;
  notified_at: string | null;
  released_by: string | null;
  note: string | null;
  note_by: string | null;
  note_at: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
  viewed_at: string | null;
  indexed_at: string;
}

export interface LabResultValueTable {
  id: string;
  result_id: string;
  position: number;
  patient_id: string;
  code: string | null;
  name: string;
  value: number | null;
  value_text: string | null;
  unit: string | null;
  flag: string | null;
  at: string;
}

export interface LabResultViewTable {
  result_id: string;
  account_id: string;
  viewed_at: string;
}

export interface ResultPreferenceTable {
  account_id: string;
  show_hospital: number;
  updated_at: string;
}

/** A clinic department: where visits happen, and the phone number patients call (migration 0015). */
export interface DepartmentTable {
  id: string;
  organisation_id: string;
  name: string;
  phone: string;
  address: string | null;
  instructions: string | null;
  created_at: string;
}

export interface VisitTypeTable {
  id: string;
  name: string;
  minutes: number;
  mode: 'in_person' | 'video';
  self_schedulable: number;
  price_cents: number | null;
  questionnaire: string | null;
  active: number;
}

/** A provider (the record's Practitioner) patients can be booked with. */
export interface ScheduleProviderTable {
  practitioner_id: string;
  organisation_id: string;
  department_id: string;
  display_name: string;
  visit_type_ids: string;
  active: number;
}

/** Weekly hours: a weekday's block of local time, valid over a range of dates. */
export interface ScheduleBlockTable {
  id: string;
  practitioner_id: string;
  weekday: number;
  start_minute: number;
  end_minute: number;
  valid_from: string;
  valid_to: string | null;
}

export interface ScheduleExceptionTable {
  id: string;
  practitioner_id: string;
  date: string;
  kind: 'closed' | 'open';
  start_minute: number | null;
  end_minute: number | null;
  reason: string | null;
}

export interface AppointmentTable {
  id: string;
  patient_id: string;
  practitioner_id: string;
  department_id: string;
  organisation_id: string;
  visit_type_id: string;
  starts_at: string;
  ends_at: string;
  status: 'booked' | 'cancelled';
  reason: string | null;
  booked_by: string;
  booked_at: string;
  idempotency_key: string;
  cancelled_at: string | null;
  cancelled_by: string | null;
  cancel_reason: 'cancelled' | 'rescheduled' | 'moved_earlier' | null;
  replaced_by: string | null;
  checked_in_at: string | null;
  check_in: string | null;
}

/** A provider's 5-minute unit of time, taken by an appointment or held by a wait-list offer (primary key: no overlap). */
export interface ProviderTimeTable {
  practitioner_id: string;
  unit_start: string;
  appointment_id: string | null;
  offer_id: string | null;
}

export interface WaitListEntryTable {
  id: string;
  patient_id: string;
  appointment_id: string;
  practitioner_id: string;
  visit_type_id: string;
  weekdays: string | null;
  day_part: 'any' | 'morning' | 'afternoon';
  status: 'waiting' | 'moved' | 'left' | 'ended';
  created_at: string;
  created_by: string;
  ended_at: string | null;
}

export interface WaitListOfferTable {
  id: string;
  entry_id: string;
  patient_id: string;
  practitioner_id: string;
  starts_at: string;
  ends_at: string;
  status: 'open' | 'accepted' | 'expired' | 'declined' | 'gone';
  created_at: string;
  expires_at: string;
  decided_at: string | null;
  appointment_id: string | null;
}

export interface AppointmentRequestTable {
  id: string;
  patient_id: string;
  practitioner_id: string | null;
  visit_type_id: string | null;
  reason: string;
  preferred: string | null;
  status: 'open' | 'booked' | 'closed';
  work_item_id: string | null;
  appointment_id: string | null;
  created_by: string;
  created_at: string;
  idempotency_key: string;
}

/** A clinician's note on a visit; signed notes are the patient's to read unless held (Cures Act exception). */
export interface VisitNoteTable {
  id: string;
  patient_id: string;
  encounter_id: string;
  author_id: string;
  author_name: string;
  text: string;
  status: 'draft' | 'signed';
  hold_reason: string | null;
  created_at: string;
  updated_at: string;
  signed_at: string | null;
}
