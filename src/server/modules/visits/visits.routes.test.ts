import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  Appointment,
  CheckInForm,
  DaySchedule,
  StaffVisitNote,
  VisitDetail,
  VisitsOverview,
} from '../../../shared/appointments.ts';
import { sampleBundle } from '../../../../test/helpers/fhir-fixtures.ts';
import { importPatient, signUpPatient, staffClient, type Client } from '../../../../test/helpers/identity-factories.ts';
import { accountIdOf, grantProxy } from '../../../../test/helpers/proxy-factories.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { defineSchedule, formKey, importVisit, providerOf } from '../../../../test/helpers/visit-fixtures.ts';

// Wednesday 2 December 2026, 10:00 in New York.
const NOW = '2026-12-02T15:00:00.000Z';
/** Wednesday 9 December 2026, 9:00 New York: e-check-in (7 days) opens on the 2nd at 9:00. */
const NEXT_WED_9 = '2026-12-09T14:00:00.000Z';

interface BundleEntry {
  resource: { resourceType: string; id: string; encounter?: { reference?: string }; status?: string };
}

const questionnaire = {
  resourceType: 'Questionnaire',
  url: 'https://example.org/Questionnaire/office-visit',
  status: 'active',
  item: [
    { linkId: 'concern', text: 'What would you like to talk about?', type: 'text', required: true },
    { linkId: 'fever', text: 'Have you had a fever this week?', type: 'boolean' },
    {
      linkId: 'pain',
      text: 'How bad is your pain?',
      type: 'choice',
      answerOption: [{ valueString: 'None' }, { valueString: 'Mild' }, { valueString: 'Severe' }],
    },
  ],
};

describe('appointments and visits: the record, notes, requests, e-check-in', () => {
  let t: TestApp;
  let elvina: Awaited<ReturnType<typeof signUpPatient>>;
  let base: string;
  let provider: Awaited<ReturnType<typeof providerOf>>;
  let desk: Client;
  const bundle = sampleBundle('Elvina_Lemke').json as unknown as { entry: BundleEntry[] };
  const encounters = bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === 'Encounter');
  beforeEach(async () => {
    t = await startTestApp({ now: NOW });
    elvina = await signUpPatient(t.app, t.ctx, 'Elvina_Lemke', 'elvina');
    base = `/api/patients/${elvina.patientId}`;
    provider = await providerOf(t.ctx, elvina.patientId);
    const spec = await defineSchedule(t.ctx, provider);
    await defineSchedule(t.ctx, provider, {
      visitTypes: spec.visitTypes.map((v) => (v.id === 'office-visit' ? { ...v, questionnaire } : v)),
    });
    desk = await staffClient(t.app, t.ctx, 'front_desk');
  });
  afterEach(async () => t.close());

  const deskBook = async (start: string) => {
    const res = await desk.post(`/api/staff/patients/${elvina.patientId}/appointments`, {
      practitionerId: provider.practitionerId,
      visitTypeId: 'office-visit',
      start,
      reason: 'Follow-up',
      idempotencyKey: formKey(),
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Appointment;
  };

  it('lists every past visit of the record, newest first, in words', async () => {
    const overview = (await elvina.client.get(`${base}/visits`)).json() as VisitsOverview;
    expect(overview.past).toHaveLength(encounters.length);
    expect(new Set(overview.past.map((v) => v.id))).toEqual(new Set(encounters.map((e) => e.id)));
    const starts = overview.past.map((v) => v.start);
    expect([...starts].sort().reverse()).toEqual(starts);
    expect(overview.past.every((v) => v.provider && v.location)).toBe(true);
    expect(
      overview.past.every((v) => ['office', 'hospital', 'emergency', 'virtual', 'home', 'other'].includes(v.kind)),
    ).toBe(true);
    expect(overview.upcoming).toEqual([]);
    expect(overview.canSchedule).toBe(true);
  });

  it("shows a visit's summary from the record: what was found, done, prescribed and measured there", async () => {
    // The oracle: the bundle's resources that point at this encounter.
    const pointing = (enc: string, type: string) =>
      bundle.entry
        .map((e) => e.resource)
        .filter((r) => r.resourceType === type && r.encounter?.reference?.endsWith(enc));
    const visit = encounters.find(
      (e) => pointing(e.id, 'Observation').length > 0 && pointing(e.id, 'Condition').length > 0,
    )!;
    const detail = (await elvina.client.get(`${base}/visits/${visit.id}`)).json() as VisitDetail;
    expect(detail.diagnoses.map((d) => d.id).sort()).toEqual(
      pointing(visit.id, 'Condition')
        .map((r) => r.id)
        .sort(),
    );
    expect(detail.procedures.map((d) => d.id).sort()).toEqual(
      pointing(visit.id, 'Procedure')
        .map((r) => r.id)
        .sort(),
    );
    expect(detail.medications.map((d) => d.id).sort()).toEqual(
      pointing(visit.id, 'MedicationRequest')
        .map((r) => r.id)
        .sort(),
    );
    expect(detail.vitals.length).toBeGreaterThan(0);
    expect(detail.vitals.every((v) => v.value !== '')).toBe(true);
    // Blood pressure as it is said: systolic over diastolic, rounded, in mmHg (values from the bundle).
    type Bp = { id: string; component?: { code: { coding: { code: string }[] }; valueQuantity: { value: number } }[] };
    const bp = pointing(visit.id, 'Observation').find((o) =>
      (o as unknown as Bp).component?.some((c) => c.code.coding[0]!.code === '8480-6'),
    ) as unknown as Bp | undefined;
    expect(bp, 'the visit has a blood-pressure panel').toBeDefined();
    {
      const part = (code: string) => bp!.component!.find((c) => c.code.coding[0]!.code === code)!.valueQuantity.value;
      const words = (n: number) => new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 }).format(n);
      expect(detail.vitals.find((v) => v.id === bp!.id)!.value).toBe(
        `${words(part('8480-6'))}/${words(part('8462-4'))} mmHg`,
      );
    }
    expect(detail.notes).toEqual([]);
    expect(detail.canRequestNote).toBe(true);
    // After-visit instructions a clinician added to this visit appear on it (and on no other visit).
    const clinician = await staffClient(t.app, t.ctx, 'clinician');
    const added = await clinician.post(`/api/staff/patients/${elvina.patientId}/visit-instructions`, {
      encounterId: visit.id,
      title: 'Knee care',
      text: 'Ice twice a day.',
    });
    expect(added.statusCode, added.body).toBeLessThan(300);
    const withInstructions = (await elvina.client.get(`${base}/visits/${visit.id}`)).json() as VisitDetail;
    expect(withInstructions.instructions.filter((i) => i.title === 'Knee care').map((i) => i.text)).toEqual([
      'Ice twice a day.',
    ]);
    const other = encounters.find((e) => e.id !== visit.id)!;
    const otherDetail = (await elvina.client.get(`${base}/visits/${other.id}`)).json() as VisitDetail;
    expect(otherDetail.instructions.some((i) => i.title === 'Knee care')).toBe(false);
    // Another record's visit: the same 404 as an unknown one.
    const louis = await signUpPatient(t.app, t.ctx, 'Louis_Maggio', 'louis');
    const theirs = await louis.client.get(`/api/patients/${louis.patientId}/visits/${visit.id}`);
    const unknown = await louis.client.get(`/api/patients/${louis.patientId}/visits/not-a-visit`);
    expect(theirs.statusCode).toBe(404);
    expect(theirs.body).toBe(unknown.body);
  });

  it('releases a signed note to the patient (open notes), keeps a draft and a held note back, and files "Request this note"', async () => {
    const visit = encounters[encounters.length - 1]!;
    const clinician = await staffClient(t.app, t.ctx, 'clinician');
    const noteUrl = `/api/staff/patients/${elvina.patientId}/visits/${visit.id}/note`;
    const patientView = async () => (await elvina.client.get(`${base}/visits/${visit.id}`)).json() as VisitDetail;

    // "Request this note" while there is none: a medical-record request for health-information staff, about the visit.
    const asked = await elvina.client.post(`${base}/messages`, {
      kind: 'customer_service',
      topic: 'medical_record_request',
      subject: 'The note from my visit',
      body: 'Please release the note from this visit.',
      recordRequest: { records: 'The provider note from this visit' },
      about: { type: 'Encounter', id: visit.id },
      attachmentIds: [],
      idempotencyKey: formKey(),
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const requested = await patientView();
    expect(requested.noteRequest).toMatchObject({ status: 'open' });
    expect(requested.canRequestNote).toBe(false);
    const him = await staffClient(t.app, t.ctx, 'him');
    const queue = (await him.get('/api/staff/work-items?pool=him')).json().items as {
      type: string;
      patient: { id: string };
    }[];
    expect(queue.some((i) => i.type === 'patient_message' && i.patient.id === elvina.patientId)).toBe(true);

    expect((await clinician.put(noteUrl, { text: 'Draft: knee exam', sign: false, holdReason: null })).statusCode).toBe(
      200,
    );
    expect((await patientView()).notes).toEqual([]);
    const signed = await clinician.put(noteUrl, {
      text: 'Knee exam normal.\nReturn if pain persists.',
      sign: true,
      holdReason: null,
    });
    expect((signed.json() as StaffVisitNote).status).toBe('signed');
    const view = await patientView();
    expect(view.notes.map((n) => n.text)).toEqual(['Knee exam normal.\nReturn if pain persists.']);
    expect(view.hasNotes).toBe(true);
    // A signed note is final.
    const edit = await clinician.put(noteUrl, { text: 'Changed', sign: true, holdReason: null });
    expect(edit.statusCode).toBe(409);

    // Another clinician's note held under a Cures Act exception stays with the care team.
    const second = await staffClient(t.app, t.ctx, 'clinician');
    const held = await second.put(noteUrl, { text: 'Held note', sign: true, holdReason: 'preventing_harm' });
    expect(held.statusCode).toBe(200);
    expect((await patientView()).notes).toHaveLength(1);
    // Front desk may not write notes.
    expect((await desk.put(noteUrl, { text: 'x', sign: true, holdReason: null })).statusCode).toBe(403);
  });

  it('sends "Request an appointment" to the front desk queue, once per form', async () => {
    const key = formKey();
    const send = () =>
      elvina.client.post(`${base}/appointment-requests`, {
        practitionerId: null,
        reason: 'Yearly check-up',
        preferred: 'Mornings, not Mondays',
        idempotencyKey: key,
      });
    expect((await send()).statusCode).toBe(201);
    expect((await send()).statusCode).toBe(200);
    const items = (await desk.get('/api/staff/work-items?pool=front_desk')).json().items as { type: string }[];
    expect(items.filter((i) => i.type === 'appointment_request')).toHaveLength(1);
    const overview = (await elvina.client.get(`${base}/visits`)).json() as VisitsOverview;
    expect(overview.requests).toEqual([
      { id: expect.any(String), providerName: null, reason: 'Yearly check-up', status: 'open', createdAt: NOW },
    ]);
    // The front desk books what was asked: the request is booked for the patient and the work item closed.
    const requestId = overview.requests[0]!.id;
    const booked = await desk.post(`/api/staff/patients/${elvina.patientId}/appointments`, {
      practitionerId: provider.practitionerId,
      visitTypeId: 'office-visit',
      start: NEXT_WED_9,
      requestId,
      idempotencyKey: formKey(),
    });
    expect(booked.statusCode, booked.body).toBe(201);
    const after = (await elvina.client.get(`${base}/visits`)).json() as VisitsOverview;
    expect(after.requests.map((r) => r.status)).toEqual(['booked']);
    expect(after.upcoming.map((a) => a.start)).toEqual([NEXT_WED_9]);
    const closed = (await desk.get('/api/staff/work-items?pool=front_desk&status=closed')).json().items as {
      type: string;
      outcome: string | null;
    }[];
    expect(closed.filter((i) => i.type === 'appointment_request').map((i) => i.outcome)).toEqual(['booked']);
    // Another patient's request id is refused, naming the field.
    const foreign = await desk.post(`/api/staff/patients/${elvina.patientId}/appointments`, {
      practitionerId: provider.practitionerId,
      visitTypeId: 'office-visit',
      start: '2026-12-09T15:00:00.000Z',
      requestId: 'not-a-request',
      idempotencyKey: formKey(),
    });
    expect(foreign.json().error.field).toBe('requestId');
    expect((await elvina.client.get(`${base}/visits`)).json().upcoming).toHaveLength(1); // nothing booked by it

    const empty = await elvina.client.post(`${base}/appointment-requests`, {
      practitionerId: null,
      reason: ' ',
      idempotencyKey: formKey(),
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.field).toBe('reason');
  });

  it('opens e-check-in 7 days before, stores the answers as a QuestionnaireResponse, and front desk sees it', async () => {
    const soon = await deskBook('2026-12-10T14:00:00.000Z'); // Thursday 10 December: opens 3 December 9:00
    const form = async (a: Appointment) =>
      (await elvina.client.get(`${base}/appointments/${a.id}/check-in`)).json() as CheckInForm;
    expect((await form(soon)).open).toBe(false);
    const early = await elvina.client.post(`${base}/appointments/${soon.id}/check-in`, {
      contactConfirmed: true,
      medications: [],
      allergies: [],
      insurance: { carrier: 'Example Health Plan', memberId: 'X123' },
      answers: [{ linkId: 'concern', value: 'Knee' }],
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('check_in_closed');

    const appt = await deskBook(NEXT_WED_9); // opens 2 December 9:00, an hour ago
    const f = await form(appt);
    expect(f.open).toBe(true);
    expect(f.questions.map((q) => [q.linkId, q.type, q.required])).toEqual([
      ['concern', 'text', true],
      ['fever', 'boolean', false],
      ['pain', 'choice', false],
    ]);
    expect(f.medications.length).toBeGreaterThan(0);
    const body = {
      contactConfirmed: true,
      medications: [{ id: f.medications[0]!.id, stillTaking: false, note: 'Stopped in November' }],
      allergies: f.allergies.map((a) => ({ id: a.id, stillAllergic: true })),
      insurance: { carrier: 'Example Health Plan', memberId: 'X123' },
      answers: [
        { linkId: 'fever', value: false },
        { linkId: 'pain', value: 'Mild' },
      ],
    };
    const missing = await elvina.client.post(`${base}/appointments/${appt.id}/check-in`, body);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.field).toBe('answers.concern');
    const wrong = await elvina.client.post(`${base}/appointments/${appt.id}/check-in`, {
      ...body,
      answers: [
        { linkId: 'concern', value: 'Knee' },
        { linkId: 'pain', value: 'Unbearable' },
      ],
    });
    expect(wrong.json().error.field).toBe('answers.pain');
    const done = await elvina.client.post(`${base}/appointments/${appt.id}/check-in`, {
      ...body,
      answers: [...body.answers, { linkId: 'concern', value: 'My knee' }],
    });
    expect(done.statusCode, done.body).toBe(200);
    expect((done.json() as Appointment).checkedInAt).toBe(NOW);
    const stored = await t.ctx.db.kysely
      .selectFrom('appointment')
      .select('check_in')
      .where('id', '=', appt.id)
      .executeTakeFirstOrThrow();
    const saved = JSON.parse(stored.check_in!) as {
      questionnaireResponse: { resourceType: string; item: { linkId: string }[] };
    };
    expect(saved.questionnaireResponse.resourceType).toBe('QuestionnaireResponse');
    expect(saved.questionnaireResponse.item.map((i) => i.linkId)).toEqual(['concern', 'fever', 'pain']);
    // The record is not changed: the medication is still current.
    const meds = (await elvina.client.get(`${base}/medications`)).json() as { current: { id: string }[] };
    expect(meds.current.map((m) => m.id)).toContain(f.medications[0]!.id);
    const again = await elvina.client.post(`${base}/appointments/${appt.id}/check-in`, {
      ...body,
      answers: [{ linkId: 'concern', value: 'x' }],
    });
    expect(again.json().error.code).toBe('already_checked_in');

    const day = (
      await desk.get(`/api/staff/schedule?practitionerId=${provider.practitionerId}&date=2026-12-09`)
    ).json() as DaySchedule;
    expect(day.appointments.map((a) => [a.start, a.checkedInOnline, a.patient.id])).toEqual([
      [NEXT_WED_9, true, elvina.patientId],
    ]);
  });

  it("keeps a 17-year-old's confidential visit from her parent, who books for her after a visit since access began", async () => {
    const parent = await signUpPatient(t.app, t.ctx, 'Louis_Maggio', 'parent');
    const { patientId: erminia } = await importPatient(t.ctx, 'Erminia_Ondricka');
    await grantProxy(t.ctx, erminia, await accountIdOf(t.ctx, 'parent'), 'minor', 'full');
    const child = await providerOf(t.ctx, erminia);
    await defineSchedule(t.ctx, child);
    const hour = 3_600_000;
    const open = await importVisit(t.ctx, erminia, child, new Date(Date.parse(NOW) + hour).toISOString());
    const hidden = await importVisit(t.ctx, erminia, child, new Date(Date.parse(NOW) + 2 * hour).toISOString(), ['R']);
    t.clock.set(new Date(Date.parse(NOW) + 3 * hour).toISOString());
    parent.client.cookies.clear();
    await parent.client.post('/api/auth/signin', { username: 'parent', password: parent.password });
    const childBase = `/api/patients/${erminia}`;
    const seen = (await parent.client.get(`${childBase}/visits`)).json() as VisitsOverview;
    expect(seen.past.map((v) => v.id)).toContain(open);
    expect(seen.past.map((v) => v.id)).not.toContain(hidden);
    const refused = await parent.client.get(`${childBase}/visits/${hidden}`);
    const unknown = await parent.client.get(`${childBase}/visits/not-a-visit`);
    expect(refused.statusCode).toBe(404);
    expect(refused.body).toBe(unknown.body);
    // The child has no account: her record joined the portal with the parent's access, and the visit after it counts.
    const options = (await parent.client.get(`${childBase}/scheduling`)).json() as { providers: { id: string }[] };
    expect(options.providers.map((p) => p.id)).toEqual([child.practitionerId]);
  });
});
