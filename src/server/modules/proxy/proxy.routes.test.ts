import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { Client, createStaff, importPatient, signUpPatient } from '../../../../test/helpers/identity-factories.ts';

async function staffClient(t: TestApp, role: 'him' | 'billing') {
  const s = await createStaff(t.ctx, role);
  const c = new Client(t.app);
  c.cookies.set('lantern_staff', s.cookie.split('=')[1]!);
  c.csrf = s.csrf;
  return c;
}

describe('proxy access', () => {
  let t: TestApp;
  let parent: Awaited<ReturnType<typeof signUpPatient>>;
  beforeEach(async () => {
    t = await startTestApp({ now: '2026-11-24T15:00:00.000Z' });
    parent = await signUpPatient(t.app, t.ctx, 'Reyna_Ziemann', 'reyna');
  });
  afterEach(async () => t.close());

  it('a parent requests a child’s record, HIM staff approve it, and the parent can open it until the day before the 18th birthday', async () => {
    const child = await importPatient(t.ctx, 'Sherron_Kutch'); // born 2011-03-01
    const req = {
      childFirstName: 'Sherron',
      childLastName: 'Kutch',
      childDateOfBirth: child.birthDate,
      relationship: 'parent',
      attestation: true,
    };
    expect(
      (
        await parent.client.post('/api/account/proxy-requests', {
          ...req,
          attestation: false,
          idempotencyKey: crypto.randomUUID(),
        })
      ).json().error.field,
    ).toBe('attestation');
    expect(
      (await parent.client.post('/api/account/proxy-requests', { ...req, idempotencyKey: crypto.randomUUID() }))
        .statusCode,
    ).toBe(202);
    expect((await parent.client.get('/api/account/proxy-requests')).json()).toMatchObject([
      { childName: 'Sherron Kutch', status: 'pending' },
    ]);
    expect((await parent.client.get(`/api/patients/${child.patientId}/summary`)).statusCode).toBe(404);

    const billing = await staffClient(t, 'billing');
    const items = await billing.get('/api/staff/work-items?pool=him');
    expect(items.statusCode).toBe(403);
    const him = await staffClient(t, 'him');
    const queue = (await him.get('/api/staff/work-items?pool=him')).json() as
      { items?: { id: string; type: string }[] } | { id: string; type: string }[];
    const list = Array.isArray(queue) ? queue : (queue.items ?? []);
    const item = list.find((i) => i.type === 'proxy_request')!;
    expect(item).toBeDefined();
    const approved = await him.post(`/api/staff/work-items/${item.id}/proxy/approve`, { patientId: child.patientId });
    expect(approved.statusCode).toBe(200);

    const records = (await parent.client.get('/api/account/records')).json().records;
    expect(records.map((r: { displayName: string }) => r.displayName)).toEqual(['Reyna Ziemann', 'Sherron Kutch']);
    expect(records[1]).toMatchObject({ relation: 'proxy_full', accessEndsOn: '2029-02-28' });
    const summary = await parent.client.get(`/api/patients/${child.patientId}/summary`);
    expect(summary.json()).toMatchObject({ displayName: 'Sherron Kutch', relation: 'proxy_full', canWrite: true });
    expect((await parent.client.get('/api/account/proxy-requests')).json()[0].status).toBe('approved');
  });

  it('refuses a request for someone who is already an adult', async () => {
    const res = await parent.client.post('/api/account/proxy-requests', {
      idempotencyKey: crypto.randomUUID(),
      childFirstName: 'A',
      childLastName: 'B',
      childDateOfBirth: '2000-01-01',
      relationship: 'parent',
      attestation: true,
    });
    expect(res.json().error.field).toBe('childDateOfBirth');
  });

  it('answers an invitation to an unknown username as to a known one, stores nothing for it, and allows 10 a day', async () => {
    await signUpPatient(t.app, t.ctx, 'Filiberto_Ryan', 'filiberto');
    const base = `/api/patients/${parent.patientId}`;
    const invite = (username: string) =>
      parent.client.post(`${base}/proxies/invitations`, {
        idempotencyKey: crypto.randomUUID(),
        password: parent.password,
        username,
        level: 'view_only',
        relationship: 'friend',
      });
    const known = await invite('filiberto');
    const unknown = await invite('nobody-by-this-name');
    expect(unknown.statusCode).toBe(known.statusCode);
    expect(Object.keys(unknown.json())).toEqual(Object.keys(known.json()));
    expect((await parent.client.get(`${base}/proxies`)).json().invitations).toHaveLength(1);
    for (let i = 0; i < 8; i++) expect((await invite(`someone-${i}`)).statusCode).toBe(201);
    expect((await invite('filiberto')).statusCode).toBe(429); // the 11th today
  });

  it('an adult invites view-only access, the other accepts, can read but not write, and loses access on the next request after a revoke', async () => {
    const friend = await signUpPatient(t.app, t.ctx, 'Filiberto_Ryan', 'filiberto');
    const base = `/api/patients/${parent.patientId}`;
    expect(
      (
        await parent.client.post(`${base}/proxies/invitations`, {
          idempotencyKey: crypto.randomUUID(),
          password: 'wrong password here',
          username: 'filiberto',
          level: 'view_only',
          relationship: 'friend',
        })
      ).json().error.field,
    ).toBe('password');
    expect(
      (
        await parent.client.post(`${base}/proxies/invitations`, {
          idempotencyKey: crypto.randomUUID(),
          password: parent.password,
          username: 'filiberto',
          level: 'view_only',
          relationship: 'friend',
        })
      ).statusCode,
    ).toBe(201);
    const [inv] = (await friend.client.get('/api/account/invitations')).json();
    expect(inv).toMatchObject({ fromName: 'Reyna Ziemann', level: 'view_only' });
    expect((await friend.client.post(`/api/account/invitations/${inv.id}/accept`)).statusCode).toBe(204);

    expect((await friend.client.get(`${base}/summary`)).json()).toMatchObject({
      relation: 'proxy_view_only',
      canWrite: false,
      canSeeAccessLog: false,
    });
    expect((await friend.client.get(`${base}/access-log`)).statusCode).toBe(403);
    const write = await friend.client.post(`${base}/proxies/invitations`, {
      idempotencyKey: crypto.randomUUID(),
      password: friend.password,
      username: 'reyna',
      level: 'full',
      relationship: 'x',
    });
    expect(write.statusCode).toBe(403);

    const log = (await parent.client.get(`${base}/access-log`)).json();
    expect(log.entries.find((e: { action: string }) => e.action === 'record.summary.read')).toMatchObject({
      actor: { kind: 'proxy', name: 'Filiberto Ryan', role: 'view_only' },
    });
    const friendId = log.people.find((p: { actor: { name: string } }) => p.actor.name === 'Filiberto Ryan').actorId;
    const onlyFriend = (await parent.client.get(`${base}/access-log?actorId=${friendId}`)).json();
    expect(onlyFriend.entries.every((e: { actorId: string }) => e.actorId === friendId)).toBe(true);
    const csv = await parent.client.get(`${base}/access-log?format=csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toBe('"time","who","what","outcome"');
    expect(csv.body).toContain(
      '"Filiberto Ryan (proxy, view-only)","Filiberto Ryan (proxy, view-only) opened your record"',
    );

    const sharing = (await parent.client.get(`${base}/proxies`)).json();
    const grant = sharing.grants[0];
    expect(grant).toMatchObject({ granteeName: 'Filiberto Ryan', status: 'active', level: 'view_only' });
    expect(
      (await parent.client.post(`${base}/proxies/${grant.id}/revoke`, { password: parent.password })).statusCode,
    ).toBe(204);
    expect((await friend.client.get(`${base}/summary`)).statusCode).toBe(404);
    expect((await friend.client.get('/api/account/records')).json().records).toHaveLength(1);
  });

  it('a full-access proxy sees the access log but cannot share the record further', async () => {
    const helper = await signUpPatient(t.app, t.ctx, 'Trenton_Turner', 'trenton');
    const base = `/api/patients/${parent.patientId}`;
    await parent.client.post(`${base}/proxies/invitations`, {
      idempotencyKey: crypto.randomUUID(),
      password: parent.password,
      username: 'trenton',
      level: 'full',
      relationship: 'son',
    });
    const [inv] = (await helper.client.get('/api/account/invitations')).json();
    await helper.client.post(`/api/account/invitations/${inv.id}/accept`);
    expect((await helper.client.get(`${base}/access-log`)).statusCode).toBe(200);
    const share = await helper.client.post(`${base}/proxies/invitations`, {
      idempotencyKey: crypto.randomUUID(),
      password: helper.password,
      username: 'reyna',
      level: 'full',
      relationship: 'x',
    });
    expect(share.statusCode).toBe(403);
    expect(share.json().error.code).toBe('only_the_patient'); // the guard's answer: sharing is the patient's own
  });

  it('staff grant a parent directly for a request that came by phone, only for a minor', async () => {
    const child = await importPatient(t.ctx, 'Cletus_Schiller');
    const him = await staffClient(t, 'him');
    expect(
      (
        await him.post(`/api/staff/patients/${child.patientId}/proxies`, {
          username: 'nobody',
          relationship: 'parent',
          reason: 'Came to the desk with ID.',
        })
      ).json().error.field,
    ).toBe('username');
    expect(
      (
        await him.post(`/api/staff/patients/${child.patientId}/proxies`, {
          username: 'reyna',
          relationship: 'parent',
          reason: 'Came to the desk with ID.',
        })
      ).statusCode,
    ).toBe(201);
    expect((await parent.client.get(`/api/patients/${child.patientId}/summary`)).statusCode).toBe(200);
    const adult = await importPatient(t.ctx, 'Blaine_Schroeder');
    expect(
      (
        await him.post(`/api/staff/patients/${adult.patientId}/proxies`, {
          username: 'reyna',
          relationship: 'parent',
          reason: 'Came to the desk with ID.',
        })
      ).json().error.code,
    ).toBe('not_a_minor');
  });
});
