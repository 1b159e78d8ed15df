import { createHash } from 'node:crypto';
import pg from 'pg';

/** What the generator made, per table, so a test can say which tables it judged at volume. */
export type GeneratedCounts = Record<string, number>;

/**
 * A health system's worth of rows for `patients` synthetic patients, written straight into PostgreSQL with
 * INSERT … SELECT FROM generate_series (no import: 10,000 patients take seconds, not hours), then ANALYZEd. Every table
 * that holds patient data gets rows in realistic proportions: 64 clinical resources per patient over the types the
 * portal lists, two dozen audit events, five threads of three messages, a dozen notifications, work items (most of
 * them closed), refills, visit instructions, grants and invitations, and an account with sessions for 60 % of them.
 * Ids are UUID-shaped like the real ones. The FHIR content is a stub: narrower rows than real resources make a full
 * scan look cheaper to the planner than it would be, so a plan that still uses an index here will in production.
 * Rows name each other consistently (a message's thread, a refill's medication and work item exist) but are not
 * meant to be read through the app: the test's own patients are imported the normal way.
 */
export async function generatePatientVolume(url: string, patients: number): Promise<GeneratedCounts> {
  const connect = async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`SET synchronous_commit = off; SET jit = off; SET session_replication_role = replica;
                        SET maintenance_work_mem = '256MB'; SET work_mem = '64MB'`);
    return client;
  };
  const [clinicalLane, portalLane] = [await connect(), await connect()];
  try {
    // Loaded the way pg_restore loads a dump: keys, indexes and foreign keys are set aside, the rows written, then
    // the same keys, indexes and foreign keys are built again from their own definitions (read from the catalogue
    // here), so the schema ends exactly as the migrations left it. Building an index once is many times faster than
    // growing it row by row. Triggers stay off while loading (the rows are consistent by construction). The clinical
    // store and the portal's tables load side by side on two connections.
    const restore = await setAside(clinicalLane);
    const { clinical, portal } = statements(patients);
    const lane = async (client: pg.Client, load: string[], tables: readonly string[]) => {
      for (const table of tables) load.push(...(restore.tables.get(table) ?? []), `ANALYZE ${table}`);
      for (const statement of load) {
        await client.query(statement);
      }
    };
    await Promise.all([
      lane(clinicalLane, clinical, CLINICAL_TABLES),
      lane(
        portalLane,
        portal,
        GENERATED_TABLES.filter((t) => !CLINICAL_TABLES.includes(t)),
      ),
    ]);
    for (const statement of restore.foreign) await clinicalLane.query(statement);
    // The planner's statistics, as autovacuum would gather them (the generated tables' are gathered above).
    const others = await clinicalLane.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND NOT tablename = ANY($1)`,
      [GENERATED_TABLES],
    );
    for (const t of others.rows) await clinicalLane.query(`ANALYZE ${t.name}`);
    const counts: GeneratedCounts = {};
    for (const table of GENERATED_TABLES) {
      const r = await clinicalLane.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
      counts[table] = Number(r.rows[0]!.n);
    }
    return counts;
  } finally {
    await Promise.all([clinicalLane.end(), portalLane.end()]);
  }
}

/**
 * Drops the generated tables' foreign keys, primary and unique keys and indexes; returns the statements that put
 * them back: per table its keys, then its indexes; then the foreign keys (pg_restore's order).
 */
async function setAside(client: pg.Client): Promise<{ tables: Map<string, string[]>; foreign: string[] }> {
  const constraints = await client.query<{ tbl: string; name: string; type: string; definition: string }>(
    `SELECT c.conrelid::regclass::text AS tbl, c.conname AS name, c.contype AS type,
            pg_get_constraintdef(c.oid) AS definition
     FROM pg_constraint c
     WHERE c.contype IN ('p', 'u', 'f')
       AND (c.conrelid::regclass::text = ANY($1) OR c.confrelid::regclass::text = ANY($1))`,
    [GENERATED_TABLES],
  );
  const indexes = await client.query<{ tbl: string; name: string; definition: string }>(
    `SELECT ix.indrelid::regclass::text AS tbl, ic.relname AS name, pg_get_indexdef(ix.indexrelid) AS definition
     FROM pg_index ix JOIN pg_class ic ON ic.oid = ix.indexrelid
     WHERE ix.indrelid::regclass::text = ANY($1)
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid)`,
    [GENERATED_TABLES],
  );
  const foreign = constraints.rows.filter((c) => c.type === 'f');
  const keys = constraints.rows.filter((c) => c.type !== 'f');
  for (const c of [...foreign, ...keys]) await client.query(`ALTER TABLE ${c.tbl} DROP CONSTRAINT ${c.name}`);
  for (const i of indexes.rows) await client.query(`DROP INDEX ${i.name}`);
  const add = (c: { tbl: string; name: string; definition: string }) =>
    `ALTER TABLE ${c.tbl} ADD CONSTRAINT ${c.name} ${c.definition}`;
  const tables = new Map<string, string[]>();
  for (const c of keys) tables.set(c.tbl, [...(tables.get(c.tbl) ?? []), add(c)]);
  for (const i of indexes.rows) tables.set(i.tbl, [...(tables.get(i.tbl) ?? []), i.definition]);
  return { tables, foreign: foreign.map(add) };
}

/** The id of generated organisation `n` (0–99), as the SQL below makes it: md5('org' || n)::uuid. */
export function generatedOrganisationId(n: number): string {
  const h = createHash('md5').update(`org${n}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The tables the generator fills. */
export const GENERATED_TABLES = [
  'fhir_resource',
  'patient_organisation',
  'account',
  'session',
  'known_device',
  'one_time_code',
  'recovery_code',
  'activation_code',
  'staff_organisation',
  'audit_event',
  'work_item',
  'message_thread',
  'message',
  'message_read',
  'message_attachment',
  'record_amendment',
  'patient_document',
  'refill_request',
  'visit_instruction',
  'proxy_grant',
  'proxy_invitation',
  'proxy_request',
  'notification',
  'notification_preference',
  'lab_result',
  'lab_result_value',
  'lab_result_view',
  'result_preference',
  'appointment',
  'provider_time',
  'wait_list_entry',
  'wait_list_offer',
  'appointment_request',
  'visit_note',
] as const;

/** The tables the clinical lane fills; the portal lane fills the rest. */
const CLINICAL_TABLES: readonly string[] = ['fhir_resource', 'patient_organisation'];

/** Clinical resources per patient, by type, with the status and category the index columns would hold. */
const CLINICAL: [type: string, perPatient: number, status: string, category: string | null][] = [
  ['Observation', 28, 'final', 'laboratory'],
  ['Encounter', 8, 'finished', 'AMB'],
  ['Immunization', 6, 'completed', null],
  ['Condition', 5, 'active', 'encounter-diagnosis'],
  ['MedicationRequest', 5, 'active', null],
  ['Procedure', 5, 'completed', null],
  ['DiagnosticReport', 4, 'final', 'LAB'],
  ['AllergyIntolerance', 3, 'active', 'food'],
];

const ORGANISATIONS = 100;
const STAFF = 60;
const GIVEN = ['ana', 'ben', 'carla', 'dev', 'elena', 'farid', 'grace', 'hugo', 'iris', 'jon', 'kemal', 'lena'];
const FAMILY = ['abbott', 'baker', 'chen', 'diaz', 'evans', 'fischer', 'garcia', 'haddad', 'ito', 'jones', 'kowalski'];

function statements(patients: number): { clinical: string[]; portal: string[] } {
  const resources = CLINICAL.map(
    ([t, n, s, c]) => `('${t}', ${n}, '${s}', ${c ? `'${c}'` : 'NULL'}, '{"resourceType": "${t}"}'::jsonb)`,
  ).join(', ');
  const arr = (xs: string[]) => `(ARRAY[${xs.map((x) => `'${x}'`).join(',')}])`;
  // Ids are UUID-shaped like the real ones; md5(…)::uuid makes one stable for the same input, so rows can name each other.
  // Each lane's connection has its own temporary tables of patients and staff.
  const prelude = [
    `CREATE TEMP TABLE gen_patient AS
       SELECT n, md5('patient' || n)::uuid::text AS id,
              md5('account' || n)::uuid::text AS account_id, (n % 10 < 6) AS has_account,
              md5('org' || (n % ${ORGANISATIONS}))::uuid::text AS org_id
       FROM generate_series(1, ${patients}) n`,
    `CREATE TEMP TABLE gen_staff AS
       SELECT s, md5('staff' || s)::uuid::text AS id,
              (ARRAY['clinician','nurse','front_desk','him','billing','admin'])[1 + s % 6] AS role
       FROM generate_series(1, ${STAFF}) s`,
  ];
  const clinical = [
    ...prelude,
    // The clinical store: organisations, patients, and their resources (written a patient at a time, as imports do).
    `INSERT INTO fhir_resource (resource_type, id, patient_id, effective_date, status, category, code_system, code,
                                search_text, content, source, updated_at)
     SELECT 'Organization', md5('org' || o)::uuid::text, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
            jsonb_build_object('resourceType', 'Organization', 'id', md5('org' || o)::uuid::text,
                               'name', 'Clinic ' || o),
            'generated', '2026-01-01T00:00:00.000Z'
     FROM generate_series(0, ${ORGANISATIONS - 1}) o`,
    `INSERT INTO fhir_resource (resource_type, id, patient_id, effective_date, status, category, code_system, code,
                                search_text, content, source, updated_at)
     SELECT 'Patient', p.id, p.id, b.birth, NULL, NULL, NULL, NULL,
            ${arr(GIVEN)}[1 + p.n % ${GIVEN.length}] || ' ' || ${arr(FAMILY)}[1 + (p.n / 7) % ${FAMILY.length}]
              || ' ' || b.birth,
            jsonb_build_object('resourceType', 'Patient', 'id', p.id, 'birthDate', b.birth),
            'generated', '2026-01-01T00:00:00.000Z'
     FROM gen_patient p, LATERAL (SELECT to_char(date '1940-01-01' + (p.n * 37) % 29000, 'YYYY-MM-DD') AS birth) b`,
    `INSERT INTO fhir_resource (resource_type, id, patient_id, effective_date, status, category, code_system, code,
                                security_labels, content, source, updated_at)
     SELECT c.type, md5(c.type || p.n || '/' || k)::uuid::text, p.id,
            (date '2005-01-01' + (p.n * 13 + k * 97) % 7300)::text || 'T10:00:00.000Z',
            c.status, c.category, 'http://snomed.info/sct', (100000 + (p.n + k * 31) % 400)::text,
            CASE WHEN (p.n + k) % 200 = 0 THEN 'R' END, c.content, 'generated', '2026-01-01T00:00:00.000Z'
     FROM gen_patient p
     CROSS JOIN (VALUES ${resources}) c(type, per_patient, status, category, content)
     CROSS JOIN LATERAL generate_series(1, c.per_patient) k`,
    `INSERT INTO patient_organisation (patient_id, organisation_id)
     SELECT id, org_id FROM gen_patient
     UNION SELECT id, md5('org' || ((n * 7) % ${ORGANISATIONS}))::uuid::text FROM gen_patient WHERE n % 3 = 0`,
  ];
  const portal = [
    ...prelude,
    // Accounts: staff, and 60 % of patients; their sessions, devices and codes.
    `INSERT INTO account (id, realm, username, username_display, password_hash, patient_id, display_name, staff_role,
                          email, status, password_changed_at, created_at)
     SELECT id, 'staff', 'staff' || s, 'staff' || s, 'x', NULL, 'Staff ' || s, role, NULL, 'active',
            '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z'
     FROM gen_staff`,
    `INSERT INTO staff_organisation (account_id, organisation_id)
     SELECT id, md5('org' || ((s * 11 + j) % ${ORGANISATIONS}))::uuid::text FROM gen_staff, generate_series(0, 1) j`,
    `INSERT INTO account (id, realm, username, username_display, password_hash, patient_id, display_name, email,
                          email_verified_at, status, password_changed_at, created_at)
     SELECT account_id, 'patient', 'gen' || n, 'gen' || n, 'x', id, 'Patient ' || n, 'gen' || n || '@example.org',
            '2024-01-01T00:00:00.000Z', 'active', '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z'
     FROM gen_patient WHERE has_account`,
    `INSERT INTO session (id_hash, account_id, realm, stage, csrf_token, created_at, last_seen_at, expires_at,
                          revoked_at)
     SELECT md5('session' || p.n || '/' || k), p.account_id, 'patient', 'full', 'x',
            t.at, t.at, t.at, CASE WHEN k % 2 = 0 THEN t.at END
     FROM generate_series(1, 5) k
     CROSS JOIN gen_patient p
     CROSS JOIN LATERAL (SELECT to_char(timestamp '2025-01-01' + (p.n + k * 3001) * interval '47 minutes',
                                        'YYYY-MM-DD"T"HH24:MI:SS.000"Z"') AS at) t
     WHERE p.has_account`,
    `INSERT INTO known_device (token_hash, account_id, created_at, last_used_at)
     SELECT md5('device' || n), account_id, '2025-01-01T00:00:00.000Z', '2025-06-01T00:00:00.000Z'
     FROM gen_patient WHERE has_account`,
    `INSERT INTO one_time_code (id, account_id, purpose, target, code_hash, expires_at, used_at, created_at)
     SELECT md5('otc' || n)::uuid::text, account_id, 'verify_email', 'gen' || n || '@example.org', md5('code' || n),
            '2025-01-02T00:00:00.000Z', '2025-01-01T00:10:00.000Z', '2025-01-01T00:00:00.000Z'
     FROM gen_patient WHERE has_account AND n % 3 = 0`,
    `INSERT INTO recovery_code (account_id, code_hash, used_at)
     SELECT account_id, md5('recovery' || n || '/' || k), NULL
     FROM gen_patient, generate_series(1, 10) k WHERE has_account AND n % 10 = 0`,
    `INSERT INTO activation_code (id, code_hash, patient_id, encounter_id, visit_date, expires_at, issued_by, issued_at,
                                  used_at, used_by)
     SELECT md5('activation' || n)::uuid::text, md5('activation-code' || n), id, NULL, '2024-01-01',
            '2024-02-15T00:00:00.000Z', md5('staff1')::uuid::text, '2024-01-01T00:00:00.000Z',
            CASE WHEN has_account THEN '2024-01-02T00:00:00.000Z' END, CASE WHEN has_account THEN account_id END
     FROM gen_patient`,

    // Portal-owned patient data: threads and messages, work items, refills, visit instructions, amendments.
    `INSERT INTO message_thread (id, patient_id, kind, topic, subject, counterpart, practitioner_id, pool, status,
                                 work_item_id, created_by, created_at, last_message_at, last_author_kind)
     SELECT md5('thread' || p.n || '/' || k)::uuid::text, p.id,
            CASE WHEN k = 5 THEN 'customer_service' ELSE 'medical' END, CASE WHEN k = 5 THEN 'other' END,
            'Question ' || k, 'Care team', NULL,
            CASE WHEN k = 5 THEN 'customer_service' ELSE 'care_team:' || p.org_id END,
            CASE WHEN k = 5 AND p.n % 10 = 0 THEN 'open' ELSE 'closed' END, md5('thread-item' || p.n || '/' || k)::uuid::text,
            p.account_id, t.at, t.at, CASE WHEN k % 2 = 0 THEN 'staff' ELSE 'patient' END
     FROM generate_series(1, 5) k
     CROSS JOIN gen_patient p
     CROSS JOIN LATERAL (SELECT to_char(timestamp '2024-01-01' + (p.n + k * ${patients}) * interval '13 minutes',
                                        'YYYY-MM-DD"T"HH24:MI:SS.000"Z"') AS at) t`,
    `INSERT INTO message (id, thread_id, author_kind, author_account_id, author_name, body, idempotency_key, created_at)
     SELECT md5(t.id || '/' || j)::uuid::text, t.id, CASE WHEN j = 2 THEN 'staff' ELSE 'patient' END,
            CASE WHEN j = 2 THEN md5('staff1')::uuid::text ELSE t.created_by END, 'Someone',
            'Message ' || j || ' of ' || t.subject, md5('message-key' || t.id || '/' || j), t.created_at
     FROM generate_series(1, 3) j CROSS JOIN message_thread t`,
    `INSERT INTO message_read (thread_id, account_id, read_at)
     SELECT t.id, t.created_by, t.last_message_at FROM message_thread t
     WHERE t.created_by IN (SELECT account_id FROM gen_patient WHERE has_account)`,
    `INSERT INTO message_attachment (id, patient_id, message_id, uploaded_by, file_name, content_type, size, sha256,
                                     created_at)
     SELECT md5('attachment' || t.id)::uuid::text, t.patient_id, md5(t.id || '/1')::uuid::text, t.created_by,
            'scan.pdf', 'application/pdf', 1000, md5(t.id), t.created_at
     FROM message_thread t WHERE t.subject = 'Question 1' OR t.subject = 'Question 4'`,
    `INSERT INTO work_item (id, type, pool, patient_id, status, assignee_id, due_at, details, created_at, closed_at)
     SELECT t.work_item_id, 'patient_message', t.pool, t.patient_id,
            CASE t.status WHEN 'closed' THEN 'closed' ELSE 'open' END, NULL, t.created_at, '{}', t.created_at,
            CASE t.status WHEN 'closed' THEN t.last_message_at END
     FROM message_thread t`,
    `INSERT INTO work_item (id, type, pool, patient_id, status, assignee_id, due_at, details, created_at, closed_at)
     SELECT md5('refill-item' || p.n || '/' || k)::uuid::text, 'refill_request', 'care_team:' || p.org_id, p.id,
            CASE WHEN k = 1 AND p.n % 20 = 0 THEN 'open' ELSE 'closed' END, NULL, t.at, '{}', t.at,
            CASE WHEN k = 1 AND p.n % 20 = 0 THEN NULL ELSE t.at END
     FROM generate_series(1, 3) k
     CROSS JOIN gen_patient p
     CROSS JOIN LATERAL (SELECT to_char(timestamp '2024-01-01' + (p.n + k * ${patients}) * interval '17 minutes',
                                        'YYYY-MM-DD"T"HH24:MI:SS.000"Z"') AS at) t`,
    `INSERT INTO refill_request (id, patient_id, medication_id, status, pharmacy, requested_by, requested_at,
                                 idempotency_key, work_item_id, decided_by, decided_at)
     SELECT md5('refill' || p.n || '/' || k)::uuid::text, p.id, md5('MedicationRequest' || p.n || '/' || k)::uuid::text,
            CASE WHEN w.status = 'open' THEN 'requested' ELSE 'approved' END, 'Main Street Pharmacy',
            p.account_id, w.created_at, md5('refill-key' || p.n || '/' || k), w.id,
            CASE WHEN w.status = 'closed' THEN md5('staff1')::uuid::text END, w.closed_at
     FROM generate_series(1, 3) k
     CROSS JOIN gen_patient p
     JOIN work_item w ON w.id = md5('refill-item' || p.n || '/' || k)::uuid::text`,
    `INSERT INTO work_item (id, type, pool, patient_id, status, assignee_id, due_at, details, created_at, closed_at)
     SELECT md5('activation-item' || n)::uuid::text, 'activation_code_request', 'front_desk', NULL,
            CASE WHEN n % 50 = 0 THEN 'open' ELSE 'closed' END, NULL, '2024-03-01T00:00:00.000Z', '{}',
            '2024-03-01T00:00:00.000Z', CASE WHEN n % 50 = 0 THEN NULL ELSE '2024-03-02T00:00:00.000Z' END
     FROM gen_patient WHERE n % 5 = 0`,
    `INSERT INTO visit_instruction (id, patient_id, encounter_id, title, text, author_account_id, author_name, created_at)
     SELECT md5('instruction' || p.n || '/' || k)::uuid::text, p.id, md5('Encounter' || p.n || '/' || k)::uuid::text,
            'After your visit', 'Rest and drink fluids.', md5('staff1')::uuid::text, 'Staff 1',
            '2024-05-01T00:00:00.000Z'
     FROM generate_series(1, 2) k CROSS JOIN gen_patient p`,
    `INSERT INTO record_amendment (id, patient_id, thread_id, requested, amendment, decided_by, decided_at)
     SELECT md5('amendment' || p.n)::uuid::text, p.id, md5('thread' || p.n || '/5')::uuid::text, '{}', 'Corrected.',
            md5('staff1')::uuid::text, '2024-06-01T00:00:00.000Z'
     FROM gen_patient p WHERE p.n % 20 = 0`,
    `INSERT INTO patient_document (id, patient_id, kind, title, file_name, content_type, size, sha256,
                                   hidden_from_proxies, thread_id, released_by, released_at)
     SELECT md5('document' || p.n)::uuid::text, p.id, 'records', 'Medical records', 'medical-records.pdf',
            'application/pdf', 3000, md5('document' || p.n), 0, NULL, md5('staff1')::uuid::text,
            '2024-06-01T00:00:00.000Z'
     FROM gen_patient p WHERE p.n % 10 = 0`,

    // Test results: 16 reports a patient over 16 years (one in eight from a hospital stay), four values each;
    // one in 500 held for a clinician, the newest of each patient news; views and hospital preferences by accounts.
    `INSERT INTO lab_result (id, resource_type, patient_id, organisation_id, name, search_text, code, category,
                             code_system, security_labels, collected_at, resulted_at, sort_at, encounter_id, hospital,
                             flag, out_of_range, component_count, ordered_by, performer, visible_from, hold_reason,
                             news, notified_at, reviewed_by, reviewed_at, indexed_at)
     SELECT md5('DiagnosticReport' || p.n || '/' || k)::uuid::text, 'DiagnosticReport', p.id, p.org_id,
            'Basic metabolic panel', 'basic metabolic panel glucose sodium potassium creatinine', '51990-0', 'LAB',
            'http://loinc.org', NULL, d.at, d.at, d.at, md5('Encounter' || p.n || '/' || (k % 8 + 1))::uuid::text,
            CASE WHEN k % 8 = 0 THEN 1 ELSE 0 END, CASE WHEN k % 3 = 0 THEN 'high' ELSE 'normal' END,
            CASE WHEN k % 3 = 0 THEN 1 ELSE 0 END, 4, 'Dr. Staff ' || (p.n % ${STAFF}), 'Clinic ' || (p.n % ${ORGANISATIONS}),
            CASE WHEN (p.n + k) % 500 = 0 THEN NULL ELSE d.at END,
            CASE WHEN (p.n + k) % 500 = 0 THEN 'Pathology' END, CASE WHEN k = 16 THEN 1 ELSE 0 END, d.at,
            CASE WHEN k < 16 THEN md5('staff1')::uuid::text END, CASE WHEN k < 16 THEN d.at END,
            '2026-01-01T00:00:00.000Z'
     FROM gen_patient p CROSS JOIN generate_series(1, 16) k,
          LATERAL (SELECT (date '2010-01-01' + k * 360 + p.n % 300)::text || 'T10:00:00.000Z' AS at) d`,
    `INSERT INTO lab_result_value (id, result_id, position, patient_id, code, name, value, value_text, unit, flag, at)
     SELECT md5('Observation' || p.n || '/' || k || '/' || v)::uuid::text,
            md5('DiagnosticReport' || p.n || '/' || k)::uuid::text, v - 1, p.id,
            (ARRAY['2339-0','2947-0','6298-4','38483-4'])[v], (ARRAY['Glucose','Sodium','Potassium','Creatinine'])[v],
            (ARRAY[95.5, 140.2, 4.1, 0.9])[v] + (p.n % 7), NULL, (ARRAY['mg/dL','mmol/L','mmol/L','mg/dL'])[v],
            'normal', (date '2010-01-01' + k * 360 + p.n % 300)::text || 'T10:00:00.000Z'
     FROM gen_patient p CROSS JOIN generate_series(1, 16) k CROSS JOIN generate_series(1, 4) v`,
    `INSERT INTO lab_result_view (result_id, account_id, viewed_at)
     SELECT md5('DiagnosticReport' || p.n || '/' || k)::uuid::text, p.account_id, '2025-01-01T00:00:00.000Z'
     FROM gen_patient p CROSS JOIN generate_series(1, 12) k WHERE p.has_account`,
    `INSERT INTO result_preference (account_id, show_hospital, updated_at)
     SELECT account_id, 1, '2025-01-01T00:00:00.000Z' FROM gen_patient WHERE has_account AND n % 3 = 0`,

    // Visits: four appointments a patient with one of 200 providers (three past, one upcoming), the provider time the
    // booked ones take in 5-minute units, a wait list (one patient in 20), offers, requests, two signed notes each.
    `INSERT INTO appointment (id, patient_id, practitioner_id, department_id, organisation_id, visit_type_id,
                              starts_at, ends_at, status, reason, booked_by, booked_at, idempotency_key,
                              cancelled_at, cancel_reason)
     SELECT md5('appointment' || p.n || '/' || k)::uuid::text, p.id, md5('provider' || (p.n % 200))::uuid::text,
            'dept-' || (p.n % 200), p.org_id, 'office-visit', t.s, t.e,
            CASE WHEN k = 2 THEN 'cancelled' ELSE 'booked' END, 'Check-up', p.account_id, '2024-12-01T00:00:00.000Z',
            md5('appointment-key' || p.n || '/' || k), CASE WHEN k = 2 THEN '2024-12-02T00:00:00.000Z' END,
            CASE WHEN k = 2 THEN 'cancelled' END
     FROM generate_series(1, 4) k
     CROSS JOIN gen_patient p
     CROSS JOIN LATERAL (
       SELECT to_char(b.at, 'YYYY-MM-DD"T"HH24:MI:SS.000"Z"') AS s,
              to_char(b.at + interval '30 minutes', 'YYYY-MM-DD"T"HH24:MI:SS.000"Z"') AS e
       FROM (SELECT CASE WHEN k = 4 THEN timestamp '2027-01-01' ELSE timestamp '2025-01-01' END
                    + (p.n * 4 + k) * interval '30 minutes' AS at) b) t`,
    `INSERT INTO provider_time (practitioner_id, unit_start, appointment_id, offer_id)
     SELECT a.practitioner_id,
            to_char(a.starts_at::timestamp + u * interval '5 minutes', 'YYYY-MM-DD"T"HH24:MI:SS.000"Z"'), a.id, NULL
     FROM appointment a CROSS JOIN generate_series(0, 5) u WHERE a.status = 'booked'`,
    `INSERT INTO wait_list_entry (id, patient_id, appointment_id, practitioner_id, visit_type_id, weekdays, day_part,
                                  status, created_at, created_by, ended_at)
     SELECT md5('wait' || p.n)::uuid::text, p.id, md5('appointment' || p.n || CASE WHEN p.n % 20 = 0 THEN '/4' ELSE '/3' END)::uuid::text,
            md5('provider' || (p.n % 200))::uuid::text, 'office-visit', NULL, 'any',
            CASE WHEN p.n % 20 = 0 THEN 'waiting' ELSE 'moved' END, '2025-01-01T00:00:00.000Z', p.account_id,
            CASE WHEN p.n % 20 = 0 THEN NULL ELSE '2025-02-01T00:00:00.000Z' END
     FROM gen_patient p WHERE p.n % 4 = 0`,
    `INSERT INTO wait_list_offer (id, entry_id, patient_id, practitioner_id, starts_at, ends_at, status, created_at,
                                  expires_at, decided_at)
     SELECT md5('offer' || p.n || '/' || k)::uuid::text, md5('wait' || p.n)::uuid::text, p.id,
            md5('provider' || (p.n % 200))::uuid::text, t.s, t.s,
            CASE WHEN k < 4 THEN 'expired' WHEN p.n % 20 = 0 THEN 'open' ELSE 'accepted' END,
            '2025-01-10T00:00:00.000Z', CASE WHEN k = 4 AND p.n % 20 = 0 THEN '2027-01-10T02:00:00.000Z' ELSE '2025-01-10T02:00:00.000Z' END,
            CASE WHEN k = 4 AND p.n % 20 = 0 THEN NULL ELSE '2025-01-10T02:00:00.000Z' END
     FROM generate_series(1, 4) k
     CROSS JOIN gen_patient p
     CROSS JOIN LATERAL (SELECT to_char(timestamp '2025-01-15' + (p.n + k) * interval '30 minutes',
                                        'YYYY-MM-DD"T"HH24:MI:SS.000"Z"') AS s) t
     WHERE p.n % 4 = 0`,
    `INSERT INTO appointment_request (id, patient_id, practitioner_id, visit_type_id, reason, preferred, status,
                                      work_item_id, created_by, created_at, idempotency_key)
     SELECT md5('appointment-request' || p.n)::uuid::text, p.id, NULL, NULL, 'Check-up', 'Mornings', 'closed', NULL,
            p.account_id, '2025-03-01T00:00:00.000Z', md5('appointment-request-key' || p.n)
     FROM gen_patient p WHERE p.n % 10 = 0`,
    `INSERT INTO visit_note (id, patient_id, encounter_id, author_id, author_name, text, status, hold_reason,
                             created_at, updated_at, signed_at)
     SELECT md5('note' || p.n || '/' || k)::uuid::text, p.id, md5('Encounter' || p.n || '/' || k)::uuid::text,
            md5('staff1')::uuid::text, 'Staff 1', 'Seen today.', 'signed', NULL, '2024-05-01T00:00:00.000Z',
            '2024-05-01T00:00:00.000Z', '2024-05-01T00:00:00.000Z'
     FROM generate_series(1, 2) k CROSS JOIN gen_patient p`,

    // Sharing: grants (adults' helpers and parents of minors), invitations, parents' requests.
    `INSERT INTO proxy_grant (id, patient_id, grantee_account_id, kind, level, relationship, status, granted_by,
                              granted_at, revoked_at, revoked_by)
     SELECT md5('grant' || p.n)::uuid::text, p.id, g.account_id, CASE WHEN p.n % 10 = 5 THEN 'minor' ELSE 'adult' END,
            'full', 'friend', CASE WHEN p.n % 15 = 0 THEN 'revoked' ELSE 'active' END, p.account_id,
            '2024-02-01T00:00:00.000Z', CASE WHEN p.n % 15 = 0 THEN '2024-03-01T00:00:00.000Z' END,
            CASE WHEN p.n % 15 = 0 THEN p.account_id END
     FROM gen_patient p JOIN gen_patient g ON g.n = p.n + 1
     WHERE p.n % 5 = 0 AND g.has_account`,
    `INSERT INTO proxy_invitation (id, patient_id, inviter_account_id, invitee_account_id, level, relationship, status,
                                   created_at, idempotency_key)
     SELECT md5('invitation' || p.n)::uuid::text, p.id, p.account_id, g.account_id, 'view_only', 'friend',
            CASE WHEN p.n % 3 = 0 THEN 'pending' ELSE 'accepted' END, '2024-02-01T00:00:00.000Z',
            md5('invitation-key' || p.n)
     FROM gen_patient p JOIN gen_patient g ON g.n = p.n + 2
     WHERE p.n % 7 = 0 AND p.has_account AND g.has_account`,
    `INSERT INTO work_item (id, type, pool, patient_id, status, assignee_id, due_at, details, created_at, closed_at)
     SELECT md5('proxy-item' || n)::uuid::text, 'proxy_request', 'him', NULL, 'closed', NULL,
            '2024-02-03T00:00:00.000Z', '{}', '2024-02-01T00:00:00.000Z', '2024-02-02T00:00:00.000Z'
     FROM gen_patient WHERE has_account AND n % 10 = 1`,
    `INSERT INTO proxy_request (id, requester_account_id, work_item_id, child_name, status, created_at,
                                idempotency_key)
     SELECT md5('proxy-request' || n)::uuid::text, account_id, md5('proxy-item' || n)::uuid::text, 'Child ' || n,
            'approved', '2024-02-01T00:00:00.000Z', md5('proxy-request-key' || n)
     FROM gen_patient WHERE has_account AND n % 10 = 1`,

    // The bell and its settings.
    `INSERT INTO notification (id, account_id, event_type, patient_id, dedupe_key, created_at, read_at)
     SELECT gen_random_uuid()::text, p.account_id,
            (ARRAY['message.new_reply','medication.refill_decided','security.new_sign_in'])[1 + k % 3], p.id,
            gen_random_uuid()::text, t.at, CASE WHEN k > 2 THEN t.at END
     FROM generate_series(1, 12) k
     CROSS JOIN gen_patient p
     CROSS JOIN LATERAL (SELECT to_char(timestamp '2024-01-01' + (p.n + k * ${patients}) * interval '3 minutes',
                                        'YYYY-MM-DD"T"HH24:MI:SS.000"Z"') AS at) t
     WHERE p.has_account`,
    `INSERT INTO notification_preference (account_id, event_type, email, sms, updated_at)
     SELECT account_id, e, 1, 0, '2024-01-01T00:00:00.000Z'
     FROM gen_patient, unnest(ARRAY['message.new_reply','medication.refill_decided','proxy.access_granted']) e
     WHERE has_account`,

    // The audit log: a few dozen events per patient, different patients' events interleaved in time.
    `INSERT INTO audit_event (id, occurred_at, actor_type, actor_id, actor_role, patient_id, action, subject_type,
                              subject_id, outcome, ip, user_agent, detail)
     SELECT gen_random_uuid()::text,
            to_char(timestamp '2024-01-01' + (k * ${patients} + p.n) * interval '7 seconds',
                    'YYYY-MM-DD"T"HH24:MI:SS.000"Z"'),
            CASE WHEN k % 4 = 0 THEN 'staff' ELSE 'patient' END,
            CASE WHEN k % 4 = 0 THEN md5('staff' || (1 + k % ${STAFF}))::uuid::text ELSE p.account_id END,
            CASE WHEN k % 4 = 0 THEN 'clinician' END, p.id,
            (ARRAY['record.summary.read','record.home.read','message.threads.read','record.medications.read',
                   'auth.signin.success','record.history.read'])[1 + k % 6],
            CASE WHEN k % 6 = 4 THEN 'account' END, CASE WHEN k % 6 = 4 THEN p.account_id END,
            'success', '192.0.2.1', 'Mozilla/5.0', NULL
     FROM generate_series(1, 24) k CROSS JOIN gen_patient p`,
  ];
  return { clinical, portal };
}
