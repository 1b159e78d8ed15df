import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeAccessLogEntry } from '../../../shared/access-log-words.ts';
import { AUDIT_ACTIONS } from '../../../shared/audit-actions.ts';
import type { AccessLogResponse } from '../../../shared/proxy.ts';
import words from '../../../web/locales/en-access-log.json' with { type: 'json' };
import { signUpPatient, staffClient } from '../../../../test/helpers/identity-factories.ts';
import { accountIdOf } from '../../../../test/helpers/proxy-factories.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { ACCESS_LOG_PAGE_LINES } from './access-log.service.ts';

/** The sentence templates of the English locale, by audit action. */
const actionWords: Record<string, unknown> = words.actions;

describe('the access log in plain words', () => {
  it('has English words for every audit action the server can write, and no words for actions it cannot', () => {
    const missing = AUDIT_ACTIONS.filter((a) => typeof actionWords[a] !== 'string' || !actionWords[a]);
    expect(missing).toEqual([]);
    const stray = Object.keys(actionWords).filter((k) => !(AUDIT_ACTIONS as readonly string[]).includes(k));
    expect(stray).toEqual([]);
    for (const a of AUDIT_ACTIONS) expect(actionWords[a]).not.toMatch(/\{\{(?!who\}\}|whom\}\}|whose\}\})/);
  });
});

describe('access log route', () => {
  let t: TestApp;
  let reyna: Awaited<ReturnType<typeof signUpPatient>>;
  let base: string;
  beforeEach(async () => {
    t = await startTestApp({ now: '2026-11-24T15:00:00.000Z' });
    reyna = await signUpPatient(t.app, t.ctx, 'Reyna_Ziemann', 'reyna');
    base = `/api/patients/${reyna.patientId}`;
  });
  afterEach(async () => t.close());

  const page = async (query = ''): Promise<AccessLogResponse> => {
    const res = await reyna.client.get(`${base}/access-log${query}`);
    expect(res.statusCode).toBe(200);
    return res.json() as AccessLogResponse;
  };

  it('says every action, and every refusal, in a sentence: no codes, nothing left to fill in', async () => {
    const reynaId = await accountIdOf(t.ctx, 'reyna');
    for (const action of AUDIT_ACTIONS) {
      await t.ctx.audit.record({ actor: { type: 'patient', id: reynaId }, patientId: reyna.patientId, action });
      await t.ctx.audit.record({
        actor: { type: 'system', id: null },
        patientId: reyna.patientId,
        action: `${action}.denied`,
        outcome: 'failure',
      });
    }
    const csv = (await reyna.client.get(`${base}/access-log?format=csv`)).body;
    const rows = csv.trim().split('\r\n').slice(1);
    expect(rows.length).toBeGreaterThanOrEqual(AUDIT_ACTIONS.length * 2);
    for (const row of rows) {
      const what = row.split('","')[2]!;
      expect(what).not.toMatch(/\{\{|\}\}|accessLogWords|undefined/);
      expect(what).not.toMatch(/\b[a-z_]+\.[a-z_]+(\.[a-z_]+)*\b/); // no dotted code like message.options.read
    }
    expect(csv).toContain('"You","You read your medications","done"');
    expect(csv).toContain('tried to open your record and was refused","refused"');
  });

  it('names staff with their role and the patient with "your"; the web and the CSV use the same words', async () => {
    const nurse = await staffClient(t.app, t.ctx, 'nurse');
    const staffSearch = await nurse.get(`/api/staff/patients/${reyna.patientId}`);
    expect(staffSearch.statusCode).toBeLessThan(500);
    const nurseLine = (await page()).entries.find((e) => e.actor.kind === 'staff');
    expect(nurseLine?.actor).toMatchObject({ kind: 'staff', role: 'nurse' });
    const tr = (await import('../../../web/i18n.ts')).default;
    await import('../../../web/pages/profile/access-log-strings.ts');
    const web = describeAccessLogEntry(nurseLine!, { own: true, patientName: 'Reyna Ziemann' }, (path, values) =>
      tr.t(['accessLogWords', ...path].join('|'), { ...values, keySeparator: '|' }),
    );
    expect(web).toMatch(/^Test nurse \(nurse\) /);
    expect((await reyna.client.get(`${base}/access-log?format=csv`)).body).toContain(`"${web}"`);
  });

  it('puts repeated reads of the same thing in one visit on one line, with how many times', async () => {
    for (let i = 0; i < 4; i++) {
      await reyna.client.get(`${base}/medications`);
      await reyna.client.get(`${base}/allergies`);
      t.clock.advance(5 * 60_000);
    }
    // 45 minutes later (the home page keeps the session alive meanwhile), medications again: a new visit.
    for (let i = 0; i < 4; i++) {
      expect((await reyna.client.get(`${base}/home`)).statusCode).toBe(200);
      t.clock.advance(10 * 60_000);
    }
    await reyna.client.get(`${base}/medications`);
    const lines = (await page()).entries.filter((e) => e.action === 'record.medications.read');
    expect(lines.map((l) => l.count)).toEqual([1, 4]);
    expect(lines[1]).toMatchObject({ firstAt: '2026-11-24T15:00:00.000Z', at: '2026-11-24T15:15:00.000Z' });
    const allergies = (await page()).entries.filter((e) => e.action === 'record.allergies.read');
    expect(allergies.map((l) => l.count)).toEqual([4]);
  });

  it('pages newest first; a page boundary among equal times neither drops nor repeats an event', async () => {
    const reynaId = await accountIdOf(t.ctx, 'reyna');
    const written = new Set<string>();
    // 45 changes in the same millisecond (changes are never grouped): every page boundary falls among equal times.
    for (let i = 0; i < 45; i++)
      written.add(
        await t.ctx.audit.record({
          actor: { type: 'patient', id: reynaId },
          patientId: reyna.patientId,
          action: 'account.contact.changed',
        }),
      );
    t.clock.advance(1000);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const p: AccessLogResponse = await page(cursor ? `?cursor=${encodeURIComponent(cursor)}` : '');
      expect(p.entries.length).toBeLessThanOrEqual(ACCESS_LOG_PAGE_LINES);
      const times = p.entries.map((e) => e.at);
      expect([...times].sort().reverse()).toEqual(times);
      seen.push(...p.entries.filter((e) => e.action === 'account.contact.changed').map((e) => e.id));
      cursor = p.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(seen).toHaveLength(45);
    expect(new Set(seen)).toEqual(written);
  });

  it('refuses a cursor that is not a place in the log, naming the field', async () => {
    const res = await reyna.client.get(`${base}/access-log?cursor=${encodeURIComponent("x' OR 1=1")}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('querystring.cursor');
  });
});
