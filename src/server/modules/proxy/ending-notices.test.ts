import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { importPatient, signUpPatient } from '../../../../test/helpers/identity-factories.ts';
import { accountIdOf, grantProxy } from '../../../../test/helpers/proxy-factories.ts';
import { runProxyEndingNotices } from '../../jobs.ts';

describe('proxy access ending notice', () => {
  let t: TestApp;
  let childId: string;
  beforeEach(async () => {
    t = await startTestApp({ now: '2026-12-01T15:00:00.000Z' });
    await signUpPatient(t.app, t.ctx, 'Reyna_Ziemann', 'reyna');
    const parentId = await accountIdOf(t.ctx, 'reyna');
    await t.ctx.db.kysely.updateTable('account').set({ email: 'reyna@example.org', email_verified_at: '2026-12-01T00:00:00.000Z' }).where('id', '=', parentId).execute();
    ({ patientId: childId } = await importPatient(t.ctx, 'Erminia_Ondricka')); // 18 on 2027-01-19; last day 2027-01-18
    await grantProxy(t.ctx, childId, parentId, 'minor', 'full');
  });
  afterEach(async () => t.close());

  const queued = () => t.ctx.db.kysely.selectFrom('outbox_message').select(['dedupe_key', 'payload']).where('dedupe_key', 'like', 'proxy-ending:%').execute();

  it('tells the parent once, 30 days ahead, without naming the child', async () => {
    t.clock.set('2026-12-19T15:00:00.000Z'); // last day is 30 days away: not yet
    expect(await runProxyEndingNotices(t.ctx)).toBe(0);
    t.clock.set('2026-12-20T15:00:00.000Z'); // 29 days before the last day
    expect(await runProxyEndingNotices(t.ctx)).toBe(1);
    expect(await runProxyEndingNotices(t.ctx)).toBe(0);
    const [msg] = await queued();
    const payload = JSON.parse(msg!.payload) as { to: string; text: string };
    expect(payload.to).toBe('reyna@example.org');
    expect(payload.text).toContain('2027-01-18');
    expect(payload.text).not.toMatch(/Erminia|Ondricka/);
    expect((await t.ctx.audit.forPatient(childId)).map((e) => e.action)).toContain('proxy.grant.ending_notice');
  });
});
