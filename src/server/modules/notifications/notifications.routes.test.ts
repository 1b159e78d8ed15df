import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  choiceNotificationTypes,
  type NotificationInbox,
  type NotificationSettings,
} from '../../../shared/notifications.ts';
import { Client, importPatient, signUpPatient, staffClient } from '../../../../test/helpers/identity-factories.ts';
import { accountIdOf, grantProxy } from '../../../../test/helpers/proxy-factories.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { createOutboxWorker } from '../../platform/outbox/outbox.cli.ts';
import { PermanentDeliveryError } from '../../platform/outbox/outbox.ts';
import { identityDeps } from '../identity/identity.deps.ts';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('notification settings, the bell, and deliveries for admins', () => {
  let t: TestApp;
  let reyna: Awaited<ReturnType<typeof signUpPatient>>;
  beforeEach(async () => {
    t = await startTestApp({ now: '2026-11-24T15:00:00.000Z' });
    reyna = await signUpPatient(t.app, t.ctx, 'Reyna_Ziemann', 'reyna');
  });
  afterEach(async () => t.close());

  const outboxKeys = async () =>
    (await t.ctx.db.kysely.selectFrom('outbox_message').select('dedupe_key').execute()).map((r) => r.dedupe_key);

  it('starts with every choice off and security always on, and shows where notifications go', async () => {
    const settings = (await reyna.client.get('/api/account/notification-settings')).json() as NotificationSettings;
    expect(settings.contacts).toEqual({ email: null, emailVerified: false, phone: null, phoneVerified: false });
    for (const p of settings.preferences) {
      if (p.delivery === 'security') expect(p).toMatchObject({ email: true, sms: true });
      else expect(p).toMatchObject({ delivery: 'choice', email: false, sms: false });
    }
    expect(settings.preferences.map((p) => p.type)).not.toContain('account.contact_code'); // direct messages are not choices
  });

  it('saves choices, refuses security and unknown events naming the field, and audits the change', async () => {
    const ok = await reyna.client.put('/api/account/notification-settings', {
      preferences: [{ type: 'proxy.request_decided', email: false, sms: true }],
    });
    expect(ok.statusCode).toBe(200);
    expect(
      (ok.json() as NotificationSettings).preferences.find((p) => p.type === 'proxy.request_decided'),
    ).toMatchObject({ email: false, sms: true });

    const security = await reyna.client.put('/api/account/notification-settings', {
      preferences: [{ type: 'security.new_sign_in', email: false, sms: false }],
    });
    expect(security.statusCode).toBe(400);
    expect(security.json().error.field).toBe('preferences.0.type');
    const unknown = await reyna.client.put('/api/account/notification-settings', {
      preferences: [
        { type: 'proxy.request_decided', email: true, sms: true },
        { type: 'lab.result', email: true, sms: true },
      ],
    });
    expect(unknown.json().error.field).toBe('preferences.1.type');
    expect((await reyna.client.put('/api/account/notification-settings', { preferences: [] })).json().error.field).toBe(
      'preferences',
    );
    // Nothing of a refused request was kept.
    const after = (await reyna.client.get('/api/account/notification-settings')).json() as NotificationSettings;
    expect(after.preferences.find((p) => p.type === 'proxy.request_decided')).toMatchObject({
      email: false,
      sms: true,
    });
    const accountId = await accountIdOf(t.ctx, 'reyna');
    expect((await t.ctx.audit.forActorOrSubject(accountId, ['account.notifications'], 10)).length).toBe(1);
  });

  it('needs a signed-in patient and the CSRF token', async () => {
    expect((await new Client(t.app).get('/api/account/notification-settings')).statusCode).toBe(401);
    expect((await new Client(t.app).get('/api/account/notifications')).statusCode).toBe(401);
    const noCsrf = await reyna.client.request(
      'PUT',
      '/api/account/notification-settings',
      { preferences: [{ type: choiceNotificationTypes[0], email: true, sms: true }] },
      { csrf: false },
    );
    expect(noCsrf.statusCode).toBe(403);
  });

  it('sends nothing to unverified contacts, even when chosen; the bell still has it', async () => {
    const accountId = await accountIdOf(t.ctx, 'reyna');
    await t.ctx.db.kysely
      .updateTable('account')
      .set({ email: 'reyna@example.org', phone: '+15025550120' })
      .where('id', '=', accountId)
      .execute();
    await reyna.client.put('/api/account/notification-settings', {
      preferences: [{ type: 'proxy.invitation_received', email: true, sms: true }],
    });
    const owner = await signUpPatient(t.app, t.ctx, 'Filiberto_Ryan', 'filiberto');
    expect(
      (
        await owner.client.post(`/api/patients/${owner.patientId}/proxies/invitations`, {
          idempotencyKey: crypto.randomUUID(),
          password: owner.password,
          username: 'reyna',
          level: 'full',
          relationship: 'sister',
        })
      ).statusCode,
    ).toBe(201);
    expect((await outboxKeys()).filter((k) => k.startsWith('n:proxy.invitation_received'))).toEqual([]);
    const inbox = (await reyna.client.get('/api/account/notifications')).json() as NotificationInbox;
    expect(inbox).toMatchObject({
      unread: 1,
      items: [{ type: 'proxy.invitation_received', patientId: null, link: '/profile/family', readAt: null }],
    });
  });

  it('tells every proxy of a record by their own choices, and not the one who caused it', async () => {
    const child = await importPatient(t.ctx, 'Sherron_Kutch');
    const reynaId = await accountIdOf(t.ctx, 'reyna');
    await grantProxy(t.ctx, child.patientId, reynaId, 'minor', 'full');
    await t.ctx.db.kysely
      .updateTable('account')
      .set({ email: 'reyna@example.org', email_verified_at: '2026-11-01T00:00:00.000Z' })
      .where('id', '=', reynaId)
      .execute();
    const second = await signUpPatient(t.app, t.ctx, 'Filiberto_Ryan', 'filiberto');
    const him = await staffClient(t.app, t.ctx, 'him');
    expect(
      (
        await him.post(`/api/staff/patients/${child.patientId}/proxies`, {
          username: 'filiberto',
          relationship: 'parent',
          reason: 'Came to the desk with ID.',
        })
      ).statusCode,
    ).toBe(201);

    // Reyna (already a proxy) is told someone new has access — a security event, so by her verified email too.
    const inbox = (await reyna.client.get('/api/account/notifications')).json() as NotificationInbox;
    expect(inbox.items).toMatchObject([
      { type: 'record.proxy_added', patientId: child.patientId, link: '/profile/sharing' },
    ]);
    expect((await outboxKeys()).filter((k) => k.startsWith('n:record.proxy_added'))).toEqual([
      expect.stringMatching(new RegExp(`:${reynaId}:email$`)),
    ]);
    // The new proxy gets "access granted" (bell only: no choices, no contacts), not "someone new".
    const theirs = (await second.client.get('/api/account/notifications')).json() as NotificationInbox;
    expect(theirs.items.map((i) => i.type)).toEqual(['proxy.access_granted']);
  });

  it('leaves confidential news out for proxies', async () => {
    const child = await importPatient(t.ctx, 'Sherron_Kutch');
    const reynaId = await accountIdOf(t.ctx, 'reyna');
    await grantProxy(t.ctx, child.patientId, reynaId, 'minor', 'full');
    const notifications = identityDeps(t.ctx).notifications;
    await t.ctx.db.kysely.transaction().execute((trx) =>
      notifications.toRecord(trx, {
        type: 'record.proxy_added',
        ref: 'hidden-1',
        patientId: child.patientId,
        hiddenFromProxies: true,
      }),
    );
    await t.ctx.db.kysely
      .transaction()
      .execute((trx) =>
        notifications.toRecord(trx, { type: 'record.proxy_added', ref: 'shown-1', patientId: child.patientId }),
      );
    const inbox = (await reyna.client.get('/api/account/notifications')).json() as NotificationInbox;
    expect(inbox.items.length).toBe(1);
  });

  it('marks one read, refuses another account’s item with 404, and marks all read', async () => {
    const notifications = identityDeps(t.ctx).notifications;
    const reynaId = await accountIdOf(t.ctx, 'reyna');
    const other = await signUpPatient(t.app, t.ctx, 'Filiberto_Ryan', 'filiberto');
    const otherId = await accountIdOf(t.ctx, 'filiberto');
    await t.ctx.db.kysely.transaction().execute(async (trx) => {
      for (const ref of ['a', 'b', 'c'])
        await notifications.toAccount(trx, { type: 'security.password_changed', ref, accountId: reynaId });
      await notifications.toAccount(trx, { type: 'security.password_changed', ref: 'x', accountId: otherId });
      // The same event again is one item, not two.
      await notifications.toAccount(trx, { type: 'security.password_changed', ref: 'a', accountId: reynaId });
    });
    const inbox = (await reyna.client.get('/api/account/notifications')).json() as NotificationInbox;
    expect(inbox.unread).toBe(3);
    const [first] = inbox.items;
    expect((await reyna.client.post(`/api/account/notifications/${first!.id}/read`)).statusCode).toBe(204);
    expect(((await reyna.client.get('/api/account/notifications')).json() as NotificationInbox).unread).toBe(2);

    const theirs = ((await other.client.get('/api/account/notifications')).json() as NotificationInbox).items[0]!;
    expect((await reyna.client.post(`/api/account/notifications/${theirs.id}/read`)).statusCode).toBe(404);
    expect(((await other.client.get('/api/account/notifications')).json() as NotificationInbox).unread).toBe(1);

    expect((await reyna.client.post('/api/account/notifications/read-all')).statusCode).toBe(204);
    expect(((await reyna.client.get('/api/account/notifications')).json() as NotificationInbox).unread).toBe(0);
    expect(
      ((await reyna.client.get('/api/account/notifications?limit=1')).json() as NotificationInbox).items.length,
    ).toBe(1);
    expect((await reyna.client.get('/api/account/notifications?limit=0')).json().error.field).toBe('querystring.limit');
  });

  it('sends at most 5 username reminders an hour to a contact, however often someone asks', async () => {
    const accountId = await accountIdOf(t.ctx, 'reyna');
    await t.ctx.db.kysely
      .updateTable('account')
      .set({ email: 'reyna@example.org', email_verified_at: '2026-11-01T00:00:00.000Z' })
      .where('id', '=', accountId)
      .execute();
    for (let i = 0; i < 8; i++)
      expect(
        (await new Client(t.app).post('/api/auth/forgot-username', { contact: 'reyna@example.org' })).statusCode,
      ).toBe(202);
    expect((await outboxKeys()).filter((k) => k.startsWith('n:account.username_reminder'))).toHaveLength(5);
    for (let i = 0; i < 8; i++)
      expect((await new Client(t.app).post('/api/auth/forgot-password', { username: 'reyna' })).statusCode).toBe(202);
    // The reminders used up the hour's codes for this account: no reset code either, and the answer is the same.
    expect((await outboxKeys()).filter((k) => k.startsWith('n:account.password_reset_code'))).toHaveLength(0);
  });

  it('polling the bell does not keep an idle session alive', async () => {
    t.clock.advance(10 * 60_000);
    expect((await reyna.client.get('/api/account/notifications')).statusCode).toBe(200);
    t.clock.advance(6 * 60_000); // 16 minutes since the last real activity
    expect((await reyna.client.get('/api/account/notifications')).statusCode).toBe(401);
  });

  it('shows admins the dead letters without payloads and requeues one; others may not', async () => {
    await t.ctx.db.kysely.transaction().execute((trx) =>
      t.ctx.outbox.enqueue(trx, {
        topic: 'sms.send',
        dedupeKey: 'n:test:dead:sms',
        payload: { to: '+15025550199', text: 'Portal: hello' },
      }),
    );
    const running = createOutboxWorker(t.ctx, { logger: quiet });
    running.worker.register('sms.send', async () => {
      throw new PermanentDeliveryError('SMS gateway answered 400 (error 21211)');
    });
    await running.worker.runOnce();
    await running.stop();

    expect((await (await staffClient(t.app, t.ctx, 'front_desk')).get('/api/staff/admin/deliveries')).statusCode).toBe(
      403,
    );
    const admin = await staffClient(t.app, t.ctx, 'admin');
    const overview = (await admin.get('/api/staff/admin/deliveries')).json();
    expect(overview.channels).toEqual({ email: 'log', sms: 'log' });
    expect(overview.counts.dead).toBe(1);
    expect(overview.dead).toEqual([
      {
        id: expect.any(String),
        topic: 'sms.send',
        attempts: 1,
        lastError: 'PermanentDeliveryError: SMS gateway answered 400 (error 21211)',
        createdAt: expect.any(String),
        diedAt: expect.any(String),
      },
    ]);
    expect(JSON.stringify(overview)).not.toContain('+15025550199');

    expect((await admin.post('/api/staff/admin/deliveries/no-such-id/retry')).statusCode).toBe(404);
    expect((await admin.post(`/api/staff/admin/deliveries/${overview.dead[0].id}/retry`)).statusCode).toBe(204);
    const after = (await admin.get('/api/staff/admin/deliveries')).json();
    expect(after).toMatchObject({ counts: { dead: 0, pending: 1 }, dead: [] });
  });
});
