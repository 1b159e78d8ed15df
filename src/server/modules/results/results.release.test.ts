import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccessLogResponse } from '../../../shared/proxy.ts';
import type { HomeSummary } from '../../../shared/records.ts';
import type { ResultDetail, ResultList, StaffResultDetail, StaffResultList } from '../../../shared/results.ts';
import { importPatient, signUpPatient, staffClient, type Client } from '../../../../test/helpers/identity-factories.ts';
import { accountIdOf, grantProxy } from '../../../../test/helpers/proxy-factories.ts';
import { importLabReports, organisationOf, type LabReport } from '../../../../test/helpers/result-fixtures.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { createServices } from '../../services.ts';
import { reindexAllResults, resultsIndexMissing } from './results-reindex.ts';

const DAY = 86_400_000;
const NOW = '2026-12-02T15:00:00.000Z';

const report = (over: Partial<LabReport> = {}): LabReport => ({
  loinc: '2339-0',
  display: 'Glucose',
  at: '2026-12-02T09:00:00.000Z',
  values: [{ loinc: '2339-0', display: 'Glucose', value: 104, unit: 'mg/dL' }],
  ...over,
});

/** The notices of new results in an account's bell. */
async function resultNotices(client: Client): Promise<number> {
  const inbox = (await client.get('/api/account/notifications')).json() as { items: { type: string }[] };
  return inbox.items.filter((n) => n.type === 'result.new').length;
}

describe('release of test results (21st Century Cures Act rules)', () => {
  let t: TestApp;
  let louis: Awaited<ReturnType<typeof signUpPatient>>;
  let base: string;
  let proxy: Client;
  beforeEach(async () => {
    t = await startTestApp({ now: NOW });
    louis = await signUpPatient(t.app, t.ctx, 'Louis_Maggio', 'louis');
    base = `/api/patients/${louis.patientId}`;
    const helper = await signUpPatient(t.app, t.ctx, 'Elvina_Lemke', 'helper');
    await grantProxy(t.ctx, louis.patientId, await accountIdOf(t.ctx, 'helper'), 'adult', 'full');
    proxy = helper.client;
  });
  afterEach(async () => t.close());

  const sees = async (client: Client, id: string) => {
    const list = (await client.get(`${base}/results`)).json() as ResultList;
    const detail = await client.get(`${base}/results/${id}`);
    return { listed: list.items.some((r) => r.id === id), status: detail.statusCode };
  };
  const releaseJob = () => createServices(t.ctx).resultsReview.releaseDue();
  /** Moves the clock, and signs the patient and the proxy in again (their sessions end after a day). */
  const travelTo = async (at: number) => {
    t.clock.set(new Date(at).toISOString());
    for (const [client, username] of [
      [louis.client, 'louis'],
      [proxy, 'helper'],
    ] as const) {
      client.cookies.clear();
      const res = await client.post('/api/auth/signin', { username, password: louis.password });
      expect(res.statusCode, res.body).toBe(200);
    }
  };

  it('releases a final result at once and tells the patient and proxy once, without the test in the notice', async () => {
    const [id] = await importLabReports(t.ctx, louis.patientId, [report()]);
    expect(await sees(louis.client, id!)).toEqual({ listed: true, status: 200 });
    const home = (await louis.client.get(`${base}/home`)).json() as HomeSummary;
    expect(home.cards.results?.newResults).toBe(0); // opened just now
    // Two nodes' jobs at the same instant: one notice each for the patient and the proxy.
    const told = await Promise.all([releaseJob(), releaseJob()]);
    expect(told.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await releaseJob()).toBe(0);
    expect(await resultNotices(louis.client)).toBe(1);
    expect(await resultNotices(proxy)).toBe(1);
    const proxyHome = (await proxy.get(`${base}/home`)).json() as HomeSummary;
    expect(proxyHome.cards.results?.newResults).toBe(1); // the proxy has not opened it
  });

  it('holds pathology for its waiting days: held a minute before day 3, released at day 3, and told then', async () => {
    const resulted = Date.parse('2026-12-02T09:00:00.000Z');
    const [id] = await importLabReports(t.ctx, louis.patientId, [
      report({ category: 'PAT', at: new Date(resulted).toISOString() }),
    ]);
    await travelTo(resulted + 3 * DAY - 60_000);
    expect(await sees(louis.client, id!)).toEqual({ listed: false, status: 404 });
    expect(await sees(proxy, id!)).toEqual({ listed: false, status: 404 });
    expect(((await louis.client.get(`${base}/home`)).json() as HomeSummary).cards.results?.newResults).toBe(0);
    expect(await releaseJob()).toBe(0);
    // A clinician's read of the held result is not in the patient's access log while it is held.
    const clinician = await staffClient(t.app, t.ctx, 'clinician', [await organisationOf(t.ctx, louis.patientId)]);
    expect((await clinician.get(`/api/staff/patients/${louis.patientId}/results/${id}`)).statusCode).toBe(200);
    const log = async () =>
      ((await louis.client.get(`${base}/access-log`)).json() as AccessLogResponse).entries.filter((l) =>
        l.action.startsWith('record.result.'),
      );
    expect(await log()).toHaveLength(0);

    await travelTo(resulted + 3 * DAY);
    expect(await sees(louis.client, id!)).toEqual({ listed: true, status: 200 });
    expect(await sees(proxy, id!)).toEqual({ listed: true, status: 200 });
    expect(await releaseJob()).toBe(1);
    expect(await resultNotices(louis.client)).toBe(1);
    expect((await log()).length).toBeGreaterThan(0);
  });

  it('keeps a genetic test for the clinician, who releases it with a note; the patient and proxy then read the note', async () => {
    const [id] = await importLabReports(t.ctx, louis.patientId, [report({ category: 'GE' })]);
    await travelTo(Date.parse(NOW) + 400 * DAY); // no waiting time ends it
    expect(await sees(louis.client, id!)).toEqual({ listed: false, status: 404 });
    expect(await sees(proxy, id!)).toEqual({ listed: false, status: 404 });

    const clinician = await staffClient(t.app, t.ctx, 'clinician', [await organisationOf(t.ctx, louis.patientId)]);
    const queue = (await clinician.get('/api/staff/results?view=held')).json() as StaffResultList;
    expect(queue.items.map((r) => [r.id, r.release, r.holdReason])).toEqual([[id, 'held', 'Genetic tests']]);
    expect(queue.counts.held).toBe(1);
    const note = 'Your result is normal. No follow-up is needed.';
    const released = await clinician.post(`/api/staff/patients/${louis.patientId}/results/${id}/release`, { note });
    expect(released.statusCode, released.body).toBe(200);
    expect((released.json() as StaffResultDetail).release).toBe('released');
    // A second click (or a colleague) changes nothing and tells nobody twice.
    expect((await clinician.post(`/api/staff/patients/${louis.patientId}/results/${id}/release`, {})).statusCode).toBe(
      200,
    );
    expect(await releaseJob()).toBe(0);
    expect(await resultNotices(louis.client)).toBe(1);
    expect(await resultNotices(proxy)).toBe(1);

    for (const client of [louis.client, proxy]) {
      const detail = (await client.get(`${base}/results/${id}`)).json() as ResultDetail;
      expect(detail.note?.text).toBe(note);
      expect(detail.note?.by).toMatch(/\S/);
    }
    const after = (
      await clinician.get(`/api/staff/patients/${louis.patientId}/results/${id}`)
    ).json() as StaffResultDetail;
    expect(after.viewedAt).not.toBeNull();
    expect(((await clinician.get('/api/staff/results?view=held')).json() as StaffResultList).items).toHaveLength(0);
  });

  it('lets only clinicians and nurses of the patient’s organisation review, and hides a confidential result from proxies', async () => {
    const [held] = await importLabReports(t.ctx, louis.patientId, [report({ category: 'GE' })]);
    const own = await organisationOf(t.ctx, louis.patientId);
    const elsewhere = await t.ctx.db.kysely
      .selectFrom('patient_organisation')
      .select('organisation_id')
      .where(
        'organisation_id',
        'not in',
        (
          await t.ctx.db.kysely
            .selectFrom('patient_organisation')
            .select('organisation_id')
            .where('patient_id', '=', louis.patientId)
            .execute()
        ).map((o) => o.organisation_id),
      )
      .executeTakeFirstOrThrow();
    const other = await staffClient(t.app, t.ctx, 'clinician', [elsewhere.organisation_id]);
    expect((await other.get(`/api/staff/patients/${louis.patientId}/results/${held}`)).statusCode).toBe(404);
    expect(((await other.get('/api/staff/results?view=held')).json() as StaffResultList).items).toHaveLength(0);
    for (const role of ['front_desk', 'billing', 'him', 'admin'] as const) {
      const c = await staffClient(t.app, t.ctx, role, [own]);
      expect((await c.get('/api/staff/results')).statusCode, role).toBe(403);
      expect((await c.post(`/api/staff/patients/${louis.patientId}/results/${held}/release`, {})).statusCode).toBe(403);
    }
    const nurse = await staffClient(t.app, t.ctx, 'nurse', [own]);
    expect(
      (await nurse.put(`/api/staff/patients/${louis.patientId}/results/${held}/note`, { note: ' ' })).statusCode,
    ).toBe(400);

    // Adolescent confidentiality: a restricted result of a 17-year-old is hers, not her parent's.
    const { patientId: erminia } = await importPatient(t.ctx, 'Erminia_Ondricka');
    await grantProxy(t.ctx, erminia, await accountIdOf(t.ctx, 'helper'), 'minor', 'full');
    const [secret] = await importLabReports(t.ctx, erminia, [report({ security: ['R'] })]);
    const parentView = await proxy.get(`/api/patients/${erminia}/results/${secret}`);
    expect(parentView.statusCode).toBe(404);
    const list = (await proxy.get(`/api/patients/${erminia}/results`)).json() as ResultList;
    expect(list.items.some((r) => r.id === secret)).toBe(false);
    // Told to nobody but her: she has no account, and her parent may not know of it.
    expect(await releaseJob()).toBe(1);
    expect(await resultNotices(proxy)).toBe(0);
  });

  it('builds the index again for a database from before it, keeping what clinicians did and telling nobody of history', async () => {
    const [held] = await importLabReports(t.ctx, louis.patientId, [report({ category: 'GE' })]);
    const clinician = await staffClient(t.app, t.ctx, 'clinician', [await organisationOf(t.ctx, louis.patientId)]);
    await clinician.put(`/api/staff/patients/${louis.patientId}/results/${held}/note`, { note: 'Reviewed.' });
    const before = (await louis.client.get(`${base}/results`)).json() as ResultList;
    const services = createServices(t.ctx);
    const reindex = () =>
      reindexAllResults(t.ctx.db.kysely, services.fhir, t.ctx.config.tenant.results, () => t.clock.now());
    // Built again over itself: the same results, the held one still held with its note.
    expect((await reindex()).results).toBeGreaterThan(before.items.length);
    expect(((await louis.client.get(`${base}/results`)).json() as ResultList).items).toEqual(before.items);
    const staffView = (
      await clinician.get(`/api/staff/patients/${louis.patientId}/results/${held}`)
    ).json() as StaffResultDetail;
    expect([staffView.release, staffView.note?.text]).toEqual(['held', 'Reviewed.']);
    // From nothing (an upgrade): found missing, built, and the sample's old results are not news.
    await t.ctx.db.kysely.deleteFrom('lab_result_value').execute();
    await t.ctx.db.kysely.deleteFrom('lab_result').execute();
    expect(await resultsIndexMissing(t.ctx.db.kysely, services.fhir)).toBe(true);
    await reindex();
    expect(await resultsIndexMissing(t.ctx.db.kysely, services.fhir)).toBe(false);
    const rebuilt = (await louis.client.get(`${base}/results`)).json() as ResultList;
    expect(rebuilt.items.map((r) => r.id)).toEqual(before.items.map((r) => r.id));
    expect(await releaseJob()).toBe(0);
  });
});
