import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.ts';
import { ManualClock } from '../src/server/platform/clock.ts';
import { createContext, type AppContext } from '../src/server/platform/context.ts';
import type { FastifyInstance } from 'fastify';
import { signUpPatient, staffClient, type Client } from './helpers/identity-factories.ts';
import {
  generatedOrganisationId,
  generatePatientVolume,
  GENERATED_TABLES,
  type GeneratedCounts,
} from './helpers/patient-volume.ts';
import { accountIdOf, grantProxy } from './helpers/proxy-factories.ts';
import { openPlanReader, QueryRecorder, type TableRead } from './helpers/query-plans.ts';
import { importLabReports } from './helpers/result-fixtures.ts';
import { defineSchedule, importVisit, providerOf } from './helpers/visit-fixtures.ts';
import { testConfig } from './helpers/test-app.ts';
import { createServices } from '../src/server/services.ts';
import { createTestDatabase, testEngine, type TestDatabase } from './helpers/test-db.ts';

const PATIENTS = 10_000;
const engine = testEngine();

/**
 * Tables whose rows grow with the number of patients: no statement may read one of them whole (a sequential scan,
 * or an index scan with no condition). The generator fills each of them (helpers/patient-volume.ts).
 */
const PATIENT_TABLES = GENERATED_TABLES.filter((t) => t !== 'staff_organisation');

/** Small tables bounded by configuration, not by patients: reading one whole is cheaper than an index. */
const SMALL_TABLES: Record<string, string> = {
  staff_organisation: 'the staff and the organisations each works for: hundreds of rows',
  education_topic: "the organisation's education topics: dozens of rows",
  instance_setting: 'a handful of settings of this installation',
  kysely_migration: 'one row per migration',
  department: "the organisation's clinic departments: dozens to hundreds of rows",
  visit_type: 'the kinds of visit patients book: dozens of rows',
  schedule_provider: 'one row per bookable provider: hundreds to a few thousand',
  schedule_block: "providers' weekly hours: a few rows per provider, read by provider",
  schedule_exception: "providers' days off and extra hours, read by provider and date",
  kysely_migration_lock: 'one row',
};

/**
 * Tables that grow with traffic rather than with patients and are not patient data: they are not generated here, so
 * their (nearly empty) plans are not judged.
 */
const OTHER_TABLES: Record<string, string> = {
  outbox_message:
    "the delivery worker's queue: grows with every notification sent (nothing prunes delivered rows yet), and the " +
    "admin's delivery counts read it whole",
  notification_delivery: 'one row per email or SMS sent, counted and pruned per recipient by its index',
  rate_limit: 'one row per limited key, read by its primary key and pruned by expiry',
  fhir_pending_reference: 'references waiting for their target during an import; a row goes when its target arrives',
};

/**
 * Issue 14, "flat as data grows": at 10,000 patients' worth of rows, every statement the main pages send — the
 * patient's, a proxy's, and staff's reads, and the writes that make the objects they read — is served by an index.
 * The rows are generated straight into the database (an import of that many would take hours), the statistics
 * gathered (ANALYZE), and each recorded statement's plan asked for with its own parameters. SQLite has no
 * statistics here (Lantern never runs ANALYZE on it), so its plans do not depend on the data: the same statements are
 * checked on its plans without generating rows.
 */
const title =
  engine === 'postgres'
    ? `query plans at ${PATIENTS.toLocaleString('en')} patients (PostgreSQL, ANALYZEd)`
    : 'query plans (SQLite: no statistics, so its plans do not depend on the rows; none are generated)';

describe(title, () => {
  let tdb: TestDatabase;
  let ctx: AppContext;
  let app: FastifyInstance;
  let recorder: QueryRecorder;
  let generated: GeneratedCounts = {};
  let generateMs = 0;

  beforeAll(async () => {
    tdb = await createTestDatabase();
    if (tdb.config.engine === 'postgres') {
      const started = Date.now();
      generated = await generatePatientVolume(tdb.config.url, PATIENTS); // and ANALYZE
      generateMs = Date.now() - started;
    }
    recorder = new QueryRecorder(tdb.db.kysely);
    const db = { ...tdb.db, kysely: tdb.db.kysely.withPlugin(recorder.plugin) };
    ctx = createContext(testConfig(tdb), db, new ManualClock('2026-12-01T15:00:00.000Z'));
    app = await buildApp(ctx);
    await app.ready();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await tdb?.destroy();
  });

  it.runIf(engine === 'postgres')('generates every table of patient data, and every table is classified', async () => {
    console.info(`generated ${PATIENTS} patients' rows and ANALYZE in ${(generateMs / 1000).toFixed(1)} s`);
    for (const table of PATIENT_TABLES) expect(generated[table], table).toBeGreaterThan(0);
    const tables = await sql<{ table_name: string; patient: boolean }>`
      SELECT table_name, bool_or(column_name = 'patient_id') AS patient
      FROM information_schema.columns WHERE table_schema = 'public' GROUP BY table_name`.execute(tdb.db.kysely);
    for (const t of tables.rows) {
      const classes = [
        (PATIENT_TABLES as readonly string[]).includes(t.table_name),
        t.table_name in SMALL_TABLES,
        t.table_name in OTHER_TABLES,
      ].filter(Boolean).length;
      expect(classes, `${t.table_name}: a patient, small or other table? (exactly one)`).toBe(1);
      if (t.patient) expect(PATIENT_TABLES, `${t.table_name} has patient_id`).toContain(t.table_name);
    }
  });

  it('serves every read of the main pages, and the writes behind them, from an index', async () => {
    // Setting up is not what is judged: the imports, accounts and staff are made unrecorded.
    recorder.paused = true;
    const { client: patient, patientId } = await signUpPatient(app, ctx, 'Elvina_Lemke', 'elvina');
    const { client: proxy } = await signUpPatient(app, ctx, 'Louis_Maggio', 'louis');
    const seenAt = await tdb.db.kysely
      .selectFrom('patient_organisation')
      .select('organisation_id')
      .where('patient_id', '=', patientId)
      .execute();
    const worksAt = seenAt.map((o) => o.organisation_id);
    if (engine === 'postgres') worksAt.push(generatedOrganisationId(1)); // and a busy generated one
    const clinician = await staffClient(app, ctx, 'clinician', worksAt);
    const desk = await staffClient(app, ctx, 'front_desk');
    const admin = await staffClient(app, ctx, 'admin');
    const him = await staffClient(app, ctx, 'him');
    recorder.paused = false;
    const base = `/api/patients/${patientId}`;
    const visited: string[] = [];
    const step = async (c: Client, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) => {
      recorder.step = `${method} ${url}`;
      const res =
        method === 'GET' ? await c.get(url) : method === 'PUT' ? await c.put(url, body) : await c.post(url, body);
      expect(res.statusCode, `${method} ${url}: ${res.body.slice(0, 300)}`).toBeLessThan(300);
      if (method === 'GET') visited.push(url.split('?')[0]!);
      return res;
    };

    // The objects the pages show, made as their owners make them.
    const options = (await step(patient, 'GET', `${base}/messages/options`)).json() as { careTeam: { id: string }[] };
    recorder.step = 'POST attachment';
    const upload = await app.inject({
      method: 'POST',
      url: `${base}/attachments`,
      headers: {
        cookie: [...patient.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'x-csrf-token': patient.csrf!,
        'content-type': 'application/octet-stream',
        'x-file-name': 'letter.pdf',
      },
      payload: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
    });
    expect(upload.statusCode).toBe(201);
    const attachmentId = (upload.json() as { id: string }).id;
    const thread = await step(patient, 'POST', `${base}/messages`, {
      kind: 'medical',
      recipientId: options.careTeam[0]!.id,
      subject: 'A question about my tablets',
      body: 'Should I take them with food?',
      attachmentIds: [attachmentId],
      idempotencyKey: randomUUID(),
    });
    const threadId = (thread.json() as { id: string }).id;
    const meds = (await step(patient, 'GET', `${base}/medications`)).json() as { current: { id: string }[] };
    await step(patient, 'POST', `${base}/medications/${meds.current[0]!.id}/refill-requests`, {
      pharmacy: 'Main Street Pharmacy',
      idempotencyKey: randomUUID(),
    });
    await step(patient, 'POST', `${base}/proxies/invitations`, {
      username: 'louis',
      level: 'view_only',
      relationship: 'friend',
      password: 'violet harbour lantern', // signUpPatient's
      idempotencyKey: randomUUID(),
    });
    recorder.paused = true;
    await grantProxy(ctx, patientId, await accountIdOf(ctx, 'louis'), 'adult', 'full');
    recorder.paused = false;
    const item = await tdb.db.kysely // the queue's first page is other patients' older work
      .selectFrom('message_thread')
      .select('work_item_id as id')
      .where('id', '=', threadId)
      .executeTakeFirstOrThrow();
    await step(clinician, 'POST', `/api/staff/work-items/${item.id!}/thread/replies`, {
      body: 'Yes, with breakfast.',
      done: false,
      idempotencyKey: randomUUID(),
    });
    // A record request fulfilled through the portal: the records land in the patient's Documents.
    const request = await step(patient, 'POST', `${base}/messages`, {
      kind: 'customer_service',
      topic: 'medical_record_request',
      subject: 'My records',
      body: 'For my new doctor.',
      recordRequest: { records: 'Medications and allergies' },
      idempotencyKey: randomUUID(),
    });
    const requestItem = await tdb.db.kysely
      .selectFrom('message_thread')
      .select('work_item_id as id')
      .where('id', '=', (request.json() as { id: string }).id)
      .executeTakeFirstOrThrow();
    await step(him, 'POST', `/api/staff/work-items/${requestItem.id!}/record-request`, { method: 'portal' });
    const documents = (await step(patient, 'GET', `${base}/documents`)).json() as { documents: { id: string }[] };

    // Test results: one held for a clinician, who notes and releases it; the patient shows hospital results.
    recorder.paused = true;
    const [held] = await importLabReports(ctx, patientId, [
      {
        category: 'GE',
        loinc: '51990-0',
        display: 'Genetic panel',
        at: '2026-11-20T10:00:00.000Z',
        values: [{ loinc: '2339-0', display: 'Glucose', value: 101, unit: 'mg/dL' }],
      },
    ]);
    recorder.paused = false;
    await step(clinician, 'PUT', `/api/staff/patients/${patientId}/results/${held!}/note`, { note: 'As expected.' });
    await step(clinician, 'POST', `/api/staff/patients/${patientId}/results/${held!}/release`, {});
    recorder.step = 'the results release job';
    await createServices(ctx).resultsReview.releaseDue();
    await step(patient, 'PUT', '/api/account/result-preferences', { showHospitalResults: true });
    const firstResults = (await step(patient, 'GET', `${base}/results`)).json() as { nextCursor: string };
    const queuePage = (await step(clinician, 'GET', '/api/staff/results?view=all')).json() as {
      nextCursor: string | null;
    };

    // Visits: a schedule and a visit since sign-up (the FAQ's rule); booking, rescheduling, the wait list, e-check-in,
    // a request, staff booking and cancelling, a visit note, the wait-list job.
    recorder.paused = true;
    const provider = await providerOf(ctx, patientId);
    await defineSchedule(ctx, provider);
    const visitId = await importVisit(ctx, patientId, provider, '2026-12-01T15:00:00.000Z');
    recorder.paused = false;
    const wed = (hour: number) => `2026-12-02T${hour}:00:00.000Z`; // Wednesday 9:00, 10:00… in New York
    const slotQuery = `practitionerId=${provider.practitionerId}&visitTypeId=office-visit`;
    await step(patient, 'GET', `${base}/scheduling`);
    await step(patient, 'GET', `${base}/scheduling/slots?${slotQuery}&from=2026-12-02&days=7`);
    const booked = (
      await step(patient, 'POST', `${base}/appointments`, {
        practitionerId: provider.practitionerId,
        visitTypeId: 'office-visit',
        start: wed(14),
        idempotencyKey: randomUUID(),
      })
    ).json() as { id: string };
    const moved = (
      await step(patient, 'POST', `${base}/appointments/${booked.id}/reschedule`, {
        start: wed(15),
        idempotencyKey: randomUUID(),
      })
    ).json() as { id: string };
    await step(patient, 'POST', `${base}/appointments/${moved.id}/wait-list`, { dayPart: 'any' });
    await step(patient, 'GET', `${base}/appointments/${moved.id}/check-in`);
    await step(patient, 'POST', `${base}/appointments/${moved.id}/check-in`, {
      contactConfirmed: true,
      medications: [],
      allergies: [],
      insurance: { carrier: 'Example Health Plan', memberId: 'X1' },
      answers: [],
    });
    await step(patient, 'POST', `${base}/appointment-requests`, {
      practitionerId: null,
      reason: 'Check-up',
      idempotencyKey: randomUUID(),
    });
    const staffBooked = (
      await step(desk, 'POST', `/api/staff/patients/${patientId}/appointments`, {
        practitionerId: provider.practitionerId,
        visitTypeId: 'office-visit',
        start: wed(16),
        idempotencyKey: randomUUID(),
      })
    ).json() as { id: string };
    const staffMoved = (
      await step(desk, 'POST', `/api/staff/patients/${patientId}/appointments/${staffBooked.id}/reschedule`, {
        start: '2026-12-02T16:30:00.000Z',
        idempotencyKey: randomUUID(),
      })
    ).json() as { id: string };
    await step(desk, 'POST', `/api/staff/patients/${patientId}/appointments/${staffMoved.id}/cancel`, {});
    await step(clinician, 'PUT', `/api/staff/patients/${patientId}/visits/${visitId}/note`, {
      text: 'Seen today.',
      sign: true,
      holdReason: null,
    });
    recorder.step = 'the wait-list job';
    await createServices(ctx).waitList.runDue();
    for (const path of [
      `${base}/visits`,
      `${base}/visits/${visitId}`,
      `${base}/appointments/${moved.id}`,
      `${base}/appointments/${moved.id}/calendar.ics`,
      `${base}/scheduling`,
      `${base}/scheduling/slots?${slotQuery}`,
      `${base}/appointments/${moved.id}/check-in`,
    ])
      await step(patient, 'GET', path);
    for (const path of [
      '/api/staff/schedule/providers',
      `/api/staff/schedule?practitionerId=${provider.practitionerId}&date=2026-12-02`,
      `/api/staff/patients/${patientId}/scheduling/slots?${slotQuery}`,
      `/api/staff/patients/${patientId}/appointments`,
    ])
      await step(desk, 'GET', path);
    await step(clinician, 'GET', `/api/staff/patients/${patientId}/visits/${visitId}/note`);

    // The pages: the patient's, a proxy's, and staff's.
    for (const path of [
      '/api/session',
      '/api/account/profile',
      '/api/account/activity',
      '/api/account/records',
      '/api/account/proxy-requests',
      '/api/account/invitations',
      '/api/account/notification-settings',
      '/api/account/notifications',
      `${base}/home`,
      `${base}/summary`,
      `${base}/medications`,
      `${base}/allergies`,
      `${base}/immunizations`,
      `${base}/immunizations/record.pdf`,
      `${base}/health-issues`,
      `${base}/history`,
      `${base}/visit-instructions`,
      `${base}/documents/${documents.documents[0]!.id}/file`,
      `${base}/education/asthma`,
      `${base}/messages?box=inbox`,
      `${base}/messages?box=sent`,
      `${base}/messages?box=inbox&q=tablets`,
      `${base}/messages/${threadId}`,
      `${base}/attachments/${attachmentId}`,
      `${base}/access-log`,
      // An older page (the keyset: time, then id) and one person's entries.
      `${base}/access-log?cursor=${encodeURIComponent(`2026-11-24T15:00:00.000Z_${'Z'.repeat(26)}`)}`,
      `${base}/access-log?actorId=${encodeURIComponent(randomUUID())}`,
      `${base}/proxies`,
      `${base}/results?cursor=${encodeURIComponent(firstResults.nextCursor)}`,
      `${base}/results?name=glucose&from=2010-01-01&to=2026-12-31`,
      `${base}/results/${held!}`,
      `${base}/results/trends/2339-0`,
    ])
      await step(patient, 'GET', path);
    for (const path of [
      '/api/account/records',
      `${base}/home`,
      `${base}/summary`,
      `${base}/medications`,
      `${base}/results`,
    ])
      await step(proxy, 'GET', path);
    for (const path of [
      '/api/staff/session',
      '/api/staff/patients?q=elvina',
      `/api/staff/patients/${patientId}`,
      `/api/staff/patients/${patientId}/chart`,
      `${base}/summary`,
      '/api/staff/work-items',
      '/api/staff/work-items?status=closed',
      '/api/staff/work-items/pools',
      `/api/staff/work-items/${item.id!}`,
      `/api/staff/work-items/${item.id!}/assignees`,
      `/api/staff/work-items/${item.id!}/thread`,
      `/api/staff/work-items/${item.id!}/attachments/${attachmentId}`,
      '/api/staff/results',
      '/api/staff/results?view=held&abnormalFirst=true',
      ...(queuePage.nextCursor
        ? [`/api/staff/results?view=all&cursor=${encodeURIComponent(queuePage.nextCursor)}`]
        : []),
      `/api/staff/patients/${patientId}/results/${held!}`,
    ])
      await step(clinician, 'GET', path);
    for (const path of ['/api/staff/work-items', '/api/staff/patients?q=elvina']) await step(desk, 'GET', path);
    for (const path of [
      '/api/staff/work-items',
      '/api/staff/work-items?status=closed',
      '/api/staff/work-items/pools',
      '/api/staff/admin/accounts',
      '/api/staff/admin/organisations',
      '/api/staff/admin/education-topics',
      '/api/staff/admin/deliveries',
      '/api/staff/admin/schedules',
    ])
      await step(admin, 'GET', path);

    // Every patient-data and work-item read the app registers was visited (a route added later joins the sweep).
    const reads = [...app.patientRoutes, ...app.workItemRoutes].filter((r) => r.method === 'GET');
    const unvisited = reads.filter((r) => {
      const pattern = new RegExp(`^${r.url.replace(/:[^/]+/g, '[^/]+')}$`);
      return !visited.some((v) => pattern.test(v));
    });
    expect(unvisited.map((r) => r.url)).toEqual([]);

    // Every statement's plan, with its own parameters.
    const planner = await openPlanReader(tdb.config);
    const wholeReads: string[] = [];
    let planned = 0;
    try {
      for (const q of recorder.distinct()) {
        const reads: TableRead[] | null = await planner.reads(q.sql, q.parameters);
        if (!reads) continue;
        planned++;
        for (const r of reads)
          if (r.whole && (PATIENT_TABLES as readonly string[]).includes(r.table))
            wholeReads.push(
              `${r.table}: ${r.how}\n    ${q.sql.slice(0, 400)}\n    from ${q.steps.slice(0, 3).join('; ')}`,
            );
      }
    } finally {
      await planner.close();
    }
    console.info(`${recorder.queries.length} statements, ${planned} distinct plans checked`);
    expect(wholeReads, wholeReads.join('\n')).toEqual([]);
  }, 120_000);
});
