import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { importPatient, signUpPatient } from '../../../../test/helpers/identity-factories.ts';
import { accountIdOf, grantProxy } from '../../../../test/helpers/proxy-factories.ts';
import { runProxyEndingNotices } from '../../jobs.ts';
import { createContext } from '../../platform/context.ts';

describe('proxy access ending notice', () => {
  let t: TestApp;
  let childId: string;
  let parentId: string;
  beforeEach(async () => {
    t = await startTestApp({ now: '2026-12-01T15:00:00.000Z' });
    await signUpPatient(t.app, t.ctx, 'Reyna_Ziemann', 'reyna');
    parentId = await accountIdOf(t.ctx, 'reyna');
    await t.ctx.db.kysely
      .updateTable('account')
      .set({ email: 'reyna@example.org', email_verified_at: '2026-12-01T00:00:00.000Z' })
      .where('id', '=', parentId)
      .execute();
    ({ patientId: childId } = await importPatient(t.ctx, 'Erminia_Ondricka')); // 18 on 2027-01-19; last day 2027-01-18
    await grantProxy(t.ctx, childId, parentId, 'minor', 'full');
  });
  afterEach(async () => t.close());

  const queued = () =>
    t.ctx.db.kysely
      .selectFrom('outbox_message')
      .select(['dedupe_key', 'payload'])
      .where('dedupe_key', 'like', 'n:proxy.access_ending:%')
      .execute();

  const bell = () =>
    t.ctx.db.kysely
      .selectFrom('notification')
      .select(['event_type', 'patient_id'])
      .where('account_id', '=', parentId)
      .execute();

  it('tells the parent once, 30 days ahead, by email when they chose it, without naming the child or the birthday', async () => {
    await t.ctx.db.kysely
      .insertInto('notification_preference')
      .values({
        account_id: parentId,
        event_type: 'proxy.access_ending',
        email: 1,
        sms: 0,
        updated_at: '2026-12-01T00:00:00.000Z',
      })
      .execute();
    t.clock.set('2026-12-19T15:00:00.000Z'); // last day is 30 days away: not yet
    expect(await runProxyEndingNotices(t.ctx)).toBe(0);
    t.clock.set('2026-12-20T15:00:00.000Z'); // 29 days before the last day
    expect(await runProxyEndingNotices(t.ctx)).toBe(1);
    expect(await runProxyEndingNotices(t.ctx)).toBe(0);
    const [msg] = await queued();
    const payload = JSON.parse(msg!.payload) as { to: string; text: string };
    expect(payload.to).toBe('reyna@example.org');
    expect(payload.text).toContain('ends soon');
    expect(payload.text).not.toMatch(/Erminia|Ondricka|2027-01-18|2009-01-19|January/);
    expect(await bell()).toEqual([{ event_type: 'proxy.access_ending', patient_id: childId }]);
    expect((await t.ctx.audit.forPatient(childId)).map((e) => e.action)).toContain('proxy.grant.ending_notice');
  });

  it('puts the notice in the bell only when the parent chose no email or text for it', async () => {
    t.clock.set('2026-12-20T15:00:00.000Z');
    expect(await runProxyEndingNotices(t.ctx)).toBe(1);
    expect(await queued()).toEqual([]);
    expect(await bell()).toEqual([{ event_type: 'proxy.access_ending', patient_id: childId }]);
  });

  it('tells the parent once when two nodes run the job at the same instant', async () => {
    t.clock.set('2026-12-20T15:00:00.000Z');
    const other = createContext(t.ctx.config, t.ctx.db, t.clock); // a second node on the same database
    const counts = await Promise.all([runProxyEndingNotices(t.ctx), runProxyEndingNotices(other)]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await bell()).toEqual([{ event_type: 'proxy.access_ending', patient_id: childId }]);
  });
});
