import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { notificationCatalogue, notificationTypes, type NotificationType } from '../../../shared/notifications.ts';
import { sampleBundle } from '../../../../test/helpers/fhir-fixtures.ts';
import { importLabReports } from '../../../../test/helpers/result-fixtures.ts';
import { createServices } from '../../services.ts';
import {
  Client,
  currentTotp,
  importPatient,
  signUpPatient,
  staffClient,
} from '../../../../test/helpers/identity-factories.ts';
import { accountIdOf, grantProxy } from '../../../../test/helpers/proxy-factories.ts';
import { startNotifyingApp, type NotifyingApp } from '../../../../test/helpers/notifying-app.ts';
import type { SmsGateway } from '../../../../test/helpers/sms-gateway.ts';
import type { SmtpSink } from '../../../../test/helpers/smtp-sink.ts';
import type { TestApp } from '../../../../test/helpers/test-app.ts';
import { runProxyEndingNotices } from '../../jobs.ts';
import { defineSchedule, formKey, providerOf } from '../../../../test/helpers/visit-fixtures.ts';
import { createOutboxWorker } from '../../platform/outbox/outbox.cli.ts';

/**
 * One delivery test per notification event: trigger it through the real routes, deliver through a real SMTP server
 * and the SMS test gateway in this process, and check who got it, on which channel, and that nothing from the
 * people's records (any coded display, free text, name, place from their imported bundles) is in it.
 *
 * `scenarios` is typed `Record<NotificationType, …>`, and a test below compares its keys with the catalogue, so an
 * event type added to the catalogue without its delivery test fails typecheck and this suite.
 */

interface Harness {
  t: TestApp;
  /** A patient account with verified contacts (omit one with null), signed in. */
  patient(
    prefix: string,
    username: string,
    contacts?: { email?: string | null; phone?: string | null },
  ): Promise<{ client: Client; accountId: string; patientId: string; password: string }>;
  choose(client: Client, type: NotificationType, channels: { email: boolean; sms: boolean }): Promise<void>;
}

interface Expected {
  /** The address each channel must reach, or null: nothing on that channel. */
  email: string | null;
  sms: string | null;
  /** Sample bundles (file-name prefixes) whose clinical and personal strings must not appear. */
  records: string[];
  /** Further text that must not appear (a message's subject and body). */
  secrets?: string[];
}

const PASSWORD = 'violet harbour lantern';
/** Wednesday 25 and Thursday 26 November 2026 at 9:00 in New York (the app's clock: Tuesday 24th, 10:00). */
const WED_9 = '2026-11-25T14:00:00.000Z';
const THU_9 = '2026-11-26T14:00:00.000Z';

async function deskBook(h: Harness, patientId: string, practitionerId: string, start: string) {
  const desk = await staffClient(h.t.app, h.t.ctx, 'front_desk');
  return desk.post(`/api/staff/patients/${patientId}/appointments`, {
    practitionerId,
    visitTypeId: 'office-visit',
    start,
    reason: 'Knee pain',
    idempotencyKey: formKey(),
  });
}

/** What an appointment notice must not say: the provider, department, place, visit type, reason. */
function visitWords(providerName: string): string[] {
  return [providerName, 'Family Medicine', '12 Example Street', 'Office visit', 'Knee pain', '555-0160'];
}

const scenarios: Record<NotificationType, (h: Harness) => Promise<Expected>> = {
  async 'security.new_sign_in'(h) {
    await h.patient('Louis_Maggio', 'louis', { email: 'louis@example.org', phone: '+15025550101' });
    const res = await new Client(h.t.app).post('/api/auth/signin', { username: 'louis', password: PASSWORD });
    expect(res.statusCode).toBe(200);
    return { email: 'louis@example.org', sms: '+15025550101', records: ['Louis_Maggio'] };
  },

  async 'security.password_changed'(h) {
    const p = await h.patient('Louis_Maggio', 'louis', { email: 'louis@example.org', phone: null });
    const res = await p.client.post('/api/account/password', {
      currentPassword: PASSWORD,
      newPassword: 'amber tidewater compass',
    });
    expect(res.statusCode).toBe(204);
    return { email: 'louis@example.org', sms: null, records: ['Louis_Maggio'] };
  },

  async 'security.two_step_changed'(h) {
    const p = await h.patient('Louis_Maggio', 'louis', { email: null, phone: '+15025550102' });
    const setup = (await p.client.post('/api/account/two-step/setup', { password: PASSWORD })).json() as {
      secret: string;
    };
    const res = await p.client.post('/api/account/two-step/confirm', {
      code: currentTotp(setup.secret, h.t.clock.now()),
    });
    expect(res.statusCode).toBe(200);
    return { email: null, sms: '+15025550102', records: ['Louis_Maggio'] };
  },

  async 'security.account_locked'(h) {
    await h.patient('Louis_Maggio', 'louis', { email: 'louis@example.org', phone: '+15025550103' });
    for (let i = 0; i < h.t.ctx.config.security.lockAfterFailures; i++) {
      expect(
        (await new Client(h.t.app).post('/api/auth/signin', { username: 'louis', password: 'not the password at all' }))
          .statusCode,
      ).toBe(401);
    }
    return { email: 'louis@example.org', sms: '+15025550103', records: ['Louis_Maggio'] };
  },

  async 'record.proxy_added'(h) {
    const owner = await h.patient('Reyna_Ziemann', 'reyna', { email: 'reyna@example.org', phone: '+15025550104' });
    const friend = await h.patient('Filiberto_Ryan', 'filiberto', {
      email: 'filiberto@example.org',
      phone: '+15025550105',
    });
    await h.choose(friend.client, 'proxy.invitation_received', { email: false, sms: false });
    expect(
      (
        await owner.client.post(`/api/patients/${owner.patientId}/proxies/invitations`, {
          idempotencyKey: crypto.randomUUID(),
          password: PASSWORD,
          username: 'filiberto',
          level: 'view_only',
          relationship: 'friend',
        })
      ).statusCode,
    ).toBe(201);
    const [inv] = (await friend.client.get('/api/account/invitations')).json() as { id: string }[];
    expect((await friend.client.post(`/api/account/invitations/${inv!.id}/accept`)).statusCode).toBe(204);
    // The record's owner is told (always: it is a security event); the new proxy, who caused it, is not.
    return { email: 'reyna@example.org', sms: '+15025550104', records: ['Reyna_Ziemann', 'Filiberto_Ryan'] };
  },

  async 'message.new_reply'(h) {
    const p = await h.patient('Louis_Maggio', 'louis', { email: 'louis@example.org', phone: '+15025550114' });
    await h.choose(p.client, 'message.new_reply', { email: true, sms: false });
    const options = (await p.client.get(`/api/patients/${p.patientId}/messages/options`)).json() as {
      careTeam: { id: string }[];
    };
    const subject = 'Question about my blood pressure pills';
    const sent = await p.client.post(`/api/patients/${p.patientId}/messages`, {
      kind: 'medical',
      recipientId: options.careTeam[0]!.id,
      subject,
      body: 'Is it safe to take them with ibuprofen?',
      idempotencyKey: 'catalogue-test-0001',
    });
    expect(sent.statusCode).toBe(201);
    const clinician = await staffClient(h.t.app, h.t.ctx, 'clinician');
    const item = (
      (await clinician.get('/api/staff/work-items')).json() as { items: { id: string; type: string }[] }
    ).items.find((i) => i.type === 'patient_message')!;
    const body = 'Yes, but not for more than three days; your kidney function results were normal.';
    expect(
      (
        await clinician.post(`/api/staff/work-items/${item.id}/thread/replies`, {
          idempotencyKey: crypto.randomUUID(),
          body,
          done: true,
        })
      ).statusCode,
    ).toBe(201);
    return {
      email: 'louis@example.org',
      sms: null,
      records: ['Louis_Maggio'],
      secrets: [subject, body, 'blood pressure', 'ibuprofen', 'kidney'],
    };
  },

  async 'result.new'(h) {
    const p = await h.patient('Louis_Maggio', 'louis', { email: 'louis@example.org', phone: '+15025550116' });
    await h.choose(p.client, 'result.new', { email: true, sms: true });
    // A result resulted an hour ago is news: the release job tells the patient, naming neither test nor value.
    const at = new Date(h.t.clock.now().getTime() - 3_600_000).toISOString();
    await importLabReports(h.t.ctx, p.patientId, [
      {
        loinc: '2339-0',
        display: 'Glucose',
        at,
        values: [{ loinc: '2339-0', display: 'Glucose', value: 212.5, unit: 'mg/dL' }],
      },
    ]);
    expect(await createServices(h.t.ctx).resultsReview.releaseDue()).toBe(1);
    return {
      email: 'louis@example.org',
      sms: '+15025550116',
      records: ['Louis_Maggio'],
      secrets: ['Glucose', 'glucose', '212', 'mg/dL'],
    };
  },

  async 'appointment.booked'(h) {
    const p = await h.patient('Louis_Maggio', 'louis', { email: 'louis@example.org', phone: '+15025550117' });
    await h.choose(p.client, 'appointment.booked', { email: true, sms: true });
    // The front desk books for the patient: the notice says an appointment exists, not with whom, where or why.
    const provider = await providerOf(h.t.ctx, p.patientId);
    await defineSchedule(h.t.ctx, provider);
    const res = await deskBook(h, p.patientId, provider.practitionerId, WED_9);
    expect(res.statusCode, res.body).toBe(201);
    return {
      email: 'louis@example.org',
      sms: '+15025550117',
      records: ['Louis_Maggio'],
      secrets: [...visitWords(provider.name)],
    };
  },

  async 'appointment.changed'(h) {
    const p = await h.patient('Louis_Maggio', 'louis', { email: 'louis@example.org', phone: '+15025550118' });
    const provider = await providerOf(h.t.ctx, p.patientId);
    await defineSchedule(h.t.ctx, provider);
    const booked = (await deskBook(h, p.patientId, provider.practitionerId, WED_9)).json() as { id: string };
    await h.choose(p.client, 'appointment.changed', { email: true, sms: false });
    const desk = await staffClient(h.t.app, h.t.ctx, 'front_desk');
    const res = await desk.post(`/api/staff/patients/${p.patientId}/appointments/${booked.id}/cancel`);
    expect(res.statusCode, res.body).toBe(200);
    return {
      email: 'louis@example.org',
      sms: null,
      records: ['Louis_Maggio'],
      secrets: [...visitWords(provider.name)],
    };
  },

  async 'waitlist.offer'(h) {
    const p = await h.patient('Louis_Maggio', 'louis', { email: 'louis@example.org', phone: '+15025550119' });
    const provider = await providerOf(h.t.ctx, p.patientId);
    await defineSchedule(h.t.ctx, provider);
    await h.choose(p.client, 'waitlist.offer', { email: true, sms: true });
    // Louis waits for an earlier time than Thursday's; another patient's Wednesday visit is cancelled.
    const later = (await deskBook(h, p.patientId, provider.practitionerId, THU_9)).json() as { id: string };
    const join = await p.client.post(`/api/patients/${p.patientId}/appointments/${later.id}/wait-list`, {
      dayPart: 'any',
    });
    expect(join.statusCode, join.body).toBe(200);
    const other = await importPatient(h.t.ctx, 'Elvina_Lemke');
    const earlier = (await deskBook(h, other.patientId, provider.practitionerId, WED_9)).json() as { id: string };
    const desk = await staffClient(h.t.app, h.t.ctx, 'front_desk');
    expect(
      (await desk.post(`/api/staff/patients/${other.patientId}/appointments/${earlier.id}/cancel`)).statusCode,
    ).toBe(200);
    return {
      email: 'louis@example.org',
      sms: '+15025550119',
      records: ['Louis_Maggio', 'Elvina_Lemke'],
      secrets: [...visitWords(provider.name)],
    };
  },

  async 'medication.refill_decided'(h) {
    const p = await h.patient('Louis_Maggio', 'louis', { email: 'louis@example.org', phone: '+15025550115' });
    await h.choose(p.client, 'medication.refill_decided', { email: false, sms: true });
    const meds = (await p.client.get(`/api/patients/${p.patientId}/medications`)).json() as {
      current: { id: string; name: string }[];
    };
    const med = meds.current[0]!;
    expect(
      (
        await p.client.post(`/api/patients/${p.patientId}/medications/${med.id}/refill-requests`, {
          pharmacy: 'Corner Pharmacy',
          idempotencyKey: 'catalogue-refill-0001',
        })
      ).statusCode,
    ).toBe(201);
    const clinician = await staffClient(h.t.app, h.t.ctx, 'clinician');
    const item = (
      (await clinician.get('/api/staff/work-items')).json() as { items: { id: string; type: string }[] }
    ).items.find((i) => i.type === 'refill_request')!;
    const reason = 'Please book a medication review first; your dose may change.';
    expect(
      (await clinician.post(`/api/staff/work-items/${item.id}/refill`, { decision: 'denied', reason })).statusCode,
    ).toBe(200);
    return {
      email: null,
      sms: '+15025550115',
      records: ['Louis_Maggio'],
      secrets: [reason, med.name, 'Corner Pharmacy'],
    };
  },

  async 'proxy.request_decided'(h) {
    const parent = await h.patient('Reyna_Ziemann', 'reyna', { email: 'reyna@example.org', phone: '+15025550106' });
    await h.choose(parent.client, 'proxy.request_decided', { email: false, sms: true });
    const child = await importPatient(h.t.ctx, 'Sherron_Kutch');
    expect(
      (
        await parent.client.post('/api/account/proxy-requests', {
          idempotencyKey: crypto.randomUUID(),
          childFirstName: 'Sherron',
          childLastName: 'Kutch',
          childDateOfBirth: child.birthDate,
          relationship: 'parent',
          attestation: true,
        })
      ).statusCode,
    ).toBe(202);
    const him = await staffClient(h.t.app, h.t.ctx, 'him');
    const item = (
      (await him.get('/api/staff/work-items?pool=him')).json() as { items: { id: string; type: string }[] }
    ).items.find((i) => i.type === 'proxy_request')!;
    expect(
      (await him.post(`/api/staff/work-items/${item.id}/proxy/approve`, { patientId: child.patientId })).statusCode,
    ).toBe(200);
    return { email: null, sms: '+15025550106', records: ['Reyna_Ziemann', 'Sherron_Kutch'] };
  },

  async 'proxy.access_granted'(h) {
    const parent = await h.patient('Reyna_Ziemann', 'reyna', { email: 'reyna@example.org', phone: '+15025550107' });
    await h.choose(parent.client, 'proxy.access_granted', { email: true, sms: false });
    const child = await importPatient(h.t.ctx, 'Sherron_Kutch');
    const him = await staffClient(h.t.app, h.t.ctx, 'him');
    expect(
      (
        await him.post(`/api/staff/patients/${child.patientId}/proxies`, {
          username: 'reyna',
          relationship: 'parent',
          reason: 'Came to the desk with ID.',
        })
      ).statusCode,
    ).toBe(201);
    return { email: 'reyna@example.org', sms: null, records: ['Reyna_Ziemann', 'Sherron_Kutch'] };
  },

  async 'proxy.invitation_received'(h) {
    const owner = await h.patient('Reyna_Ziemann', 'reyna', { email: 'reyna@example.org', phone: null });
    const friend = await h.patient('Filiberto_Ryan', 'filiberto', {
      email: 'filiberto@example.org',
      phone: '+15025550108',
    });
    await h.choose(friend.client, 'proxy.invitation_received', { email: true, sms: true });
    expect(
      (
        await owner.client.post(`/api/patients/${owner.patientId}/proxies/invitations`, {
          idempotencyKey: crypto.randomUUID(),
          password: PASSWORD,
          username: 'filiberto',
          level: 'full',
          relationship: 'brother',
        })
      ).statusCode,
    ).toBe(201);
    return { email: 'filiberto@example.org', sms: '+15025550108', records: ['Reyna_Ziemann', 'Filiberto_Ryan'] };
  },

  async 'proxy.access_ending'(h) {
    const parent = await h.patient('Reyna_Ziemann', 'reyna', { email: 'reyna@example.org', phone: '+15025550109' });
    await h.choose(parent.client, 'proxy.access_ending', { email: true, sms: true });
    const child = await importPatient(h.t.ctx, 'Erminia_Ondricka'); // 18 on 2027-01-19
    await grantProxy(h.t.ctx, child.patientId, parent.accountId, 'minor', 'full');
    h.t.clock.set('2026-12-20T15:00:00.000Z');
    expect(await runProxyEndingNotices(h.t.ctx)).toBe(1);
    return { email: 'reyna@example.org', sms: '+15025550109', records: ['Reyna_Ziemann', 'Erminia_Ondricka'] };
  },

  async 'account.contact_code'(h) {
    const p = await h.patient('Louis_Maggio', 'louis', { email: 'louis@example.org', phone: null });
    // The code goes to the new, unverified number only: that is what it verifies.
    expect(
      (
        await p.client.post('/api/account/contact', {
          password: PASSWORD,
          email: 'louis@example.org',
          phone: '+15025550110',
        })
      ).statusCode,
    ).toBe(200);
    return { email: null, sms: '+15025550110', records: ['Louis_Maggio'] };
  },

  async 'account.password_reset_code'(h) {
    await h.patient('Louis_Maggio', 'louis', { email: 'louis@example.org', phone: '+15025550111' });
    expect((await new Client(h.t.app).post('/api/auth/forgot-password', { username: 'louis' })).statusCode).toBe(202);
    return { email: 'louis@example.org', sms: null, records: ['Louis_Maggio'] };
  },

  async 'account.username_reminder'(h) {
    // The reminder's one value is the username itself (sent only to its verified contact); this one names no one.
    await h.patient('Louis_Maggio', 'harbour-light-7', { email: 'louis@example.org', phone: '+15025550112' });
    expect((await new Client(h.t.app).post('/api/auth/forgot-username', { contact: '+15025550112' })).statusCode).toBe(
      202,
    );
    return { email: null, sms: '+15025550112', records: ['Louis_Maggio'] };
  },

  async 'activation.request_answered'(h) {
    const { patientId } = await importPatient(h.t.ctx, 'Louis_Maggio');
    const form = {
      firstName: 'Louis',
      lastName: 'Maggio',
      dateOfBirth: '1976-01-16',
      email: 'requester@example.org',
      phone: '+15025550113',
    };
    expect(
      (await h.t.app.inject({ method: 'POST', url: '/api/activation-code-requests', payload: form })).statusCode,
    ).toBe(202);
    const desk = await staffClient(h.t.app, h.t.ctx, 'front_desk');
    const item = ((await desk.get('/api/staff/work-items')).json() as { items: { id: string }[] }).items[0]!;
    expect((await desk.post(`/api/staff/work-items/${item.id}/activation-code`, { patientId })).statusCode).toBe(201);
    return { email: 'requester@example.org', sms: '+15025550113', records: ['Louis_Maggio'] };
  },
};

/**
 * Strings from a sample bundle that must never be in a notification: every coded display and free text, every
 * name (patients, practitioners, organisations, places) and address part, of at least four characters.
 */
function recordStrings(prefix: string): string[] {
  const out = new Set<string>();
  const keys = new Set([
    'display',
    'text',
    'name',
    'family',
    'given',
    'prefix',
    'line',
    'city',
    'description',
    'valueString',
    'note',
  ]);
  const walk = (v: unknown, key: string | null): void => {
    if (typeof v === 'string') {
      if (key && keys.has(key) && v.trim().length >= 4 && !v.trimStart().startsWith('<div')) out.add(v.trim());
    } else if (Array.isArray(v)) for (const x of v) walk(x, key);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k === 'div' ? null : k);
  };
  for (const e of sampleBundle(prefix).json.entry) walk(e.resource, null);
  return [...out];
}

describe('every notification event is delivered as chosen and says nothing from the record', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let gateway: SmsGateway;
  let running: NotifyingApp;
  beforeEach(async () => {
    running = await startNotifyingApp('2026-11-24T15:00:00.000Z');
    ({ t, sink, gateway } = running);
  });
  afterEach(async () => running.close());

  it('has a delivery test for every event type in the catalogue, and only those', () => {
    expect(Object.keys(scenarios).sort()).toEqual([...notificationTypes].sort());
  });

  const harness = (): Harness => ({
    t,
    async patient(prefix, username, contacts = {}) {
      const p = await signUpPatient(t.app, t.ctx, prefix, username, PASSWORD);
      const accountId = await accountIdOf(t.ctx, username);
      const at = '2026-11-01T00:00:00.000Z';
      await t.ctx.db.kysely
        .updateTable('account')
        .set({
          email: contacts.email ?? null,
          email_verified_at: contacts.email ? at : null,
          phone: contacts.phone ?? null,
          phone_verified_at: contacts.phone ? at : null,
        })
        .where('id', '=', accountId)
        .execute();
      return { client: p.client, accountId, patientId: p.patientId, password: PASSWORD };
    },
    async choose(client, type, channels) {
      const res = await client.put('/api/account/notification-settings', { preferences: [{ type, ...channels }] });
      expect(res.statusCode).toBe(200);
    },
  });

  for (const type of notificationTypes) {
    it(`${type}: reaches the chosen channels and carries no health or personal information`, async () => {
      const expected = await scenarios[type](harness());
      const running = createOutboxWorker(t.ctx, {
        logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
      });
      try {
        for (let i = 0; i < 5 && (await running.worker.runOnce()).claimed > 0; i++);
      } finally {
        await running.stop();
      }
      const prefix = `n:${type}:`;
      const emails = sink.messages.filter((m) => m.dedupeKey?.startsWith(prefix));
      const texts = gateway.texts.filter((s) => s.dedupeKey?.startsWith(prefix));

      expect(emails.map((m) => m.envelopeTo.join(','))).toEqual(expected.email ? [expected.email] : []);
      expect(texts.map((s) => s.to)).toEqual(expected.sms ? [expected.sms] : []);

      const forbidden = expected.records.flatMap(recordStrings);
      expect(forbidden.length).toBeGreaterThan(20);
      forbidden.push(...(expected.secrets ?? []));
      const organisation = t.ctx.config.tenant.organisation.name;
      for (const m of emails) {
        expect(m.text).toContain(organisation);
        expect(m.html).toContain('<a href="http://localhost:3000/');
        for (const s of forbidden) {
          expect(m.subject?.toLowerCase(), `subject contains "${s}"`).not.toContain(s.toLowerCase());
          expect(m.text.toLowerCase(), `email contains "${s}"`).not.toContain(s.toLowerCase());
          expect((m.html ?? '').toLowerCase(), `email HTML contains "${s}"`).not.toContain(s.toLowerCase());
        }
      }
      for (const s of texts) {
        expect(s.body.length).toBeLessThanOrEqual(160);
        expect(s.body).toContain(t.ctx.config.tenant.organisation.portalName);
        for (const f of forbidden) expect(s.body.toLowerCase(), `text contains "${f}"`).not.toContain(f.toLowerCase());
      }

      // Bell: every event but the direct ones lands in the recipient's inbox too; direct ones never do.
      const bell = await t.ctx.db.kysely
        .selectFrom('notification')
        .select('event_type')
        .where('event_type', '=', type)
        .execute();
      if (notificationCatalogue[type].delivery === 'direct') expect(bell).toEqual([]);
      else expect(bell.length).toBe(1);
    });
  }
});
