import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ResultDetail, ResultList, ResultSummary, ResultTrend } from '../../../shared/results.ts';
import { sampleBundles } from '../../../../test/helpers/fhir-fixtures.ts';
import { importPatient, signUpPatient, type Client } from '../../../../test/helpers/identity-factories.ts';
import { accountIdOf, grantProxy } from '../../../../test/helpers/proxy-factories.ts';
import { importLabReports, type LabValue } from '../../../../test/helpers/result-fixtures.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';

type Resource = { resourceType: string; id: string; [k: string]: unknown };
type Coded = { coding?: { code?: string }[] };

/** Every page of a patient's results, following the cursor. */
async function allResults(client: Client, base: string, query = ''): Promise<ResultSummary[]> {
  const out: ResultSummary[] = [];
  let cursor: string | null = null;
  do {
    const sep = query ? '&' : '?';
    const url: string = `${base}/results${query ? `?${query}` : ''}${cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await client.get(url);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as ResultList;
    expect(page.items.length).toBeLessThanOrEqual(20);
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** What a sample bundle holds, read straight from the file: the oracle, independent of the indexer. */
function bundleFacts(resources: Resource[]) {
  const isLab = (r: Resource) =>
    r.resourceType === 'Observation' &&
    ((r.category as Coded[] | undefined) ?? []).some((c) => c.coding?.some((k) => k.code === 'laboratory'));
  const labs = new Map(resources.filter(isLab).map((o) => [o.id, o]));
  const reports = resources.filter((r) => r.resourceType === 'DiagnosticReport');
  const inReports = new Set(
    reports.flatMap((r) =>
      ((r.result as { reference: string }[] | undefined) ?? []).map((x) => x.reference.split(':').pop()!),
    ),
  );
  const encounterClass = new Map(
    resources.filter((r) => r.resourceType === 'Encounter').map((e) => [e.id, (e.class as { code: string }).code]),
  );
  const hospitalOf = (r: Resource) => {
    const ref = (r.encounter as { reference?: string } | undefined)?.reference?.split(':').pop();
    return ['IMP', 'EMER'].includes(encounterClass.get(ref ?? '') ?? '');
  };
  const results = [...reports, ...[...labs.values()].filter((o) => !inReports.has(o.id))];
  return { labs, results, hospital: results.filter(hospitalOf) };
}

describe('Test Results for the patient', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ now: '2026-12-02T15:00:00.000Z' });
  });
  afterEach(async () => t.close());

  it('returns every result of every sample bundle with the values and units of the bundle, unchanged', async () => {
    const patients = sampleBundles().filter((b) => b.json.entry[0]?.resource.resourceType === 'Patient');
    expect(patients.length).toBeGreaterThanOrEqual(10);
    // Adults read their own record; a parent reads each child's (children cannot have an account).
    const parent = await signUpPatient(t.app, t.ctx, 'Louis_Maggio', 'parent');
    const parentId = await accountIdOf(t.ctx, 'parent');
    let checkedValues = 0;
    for (const [i, b] of patients.entries()) {
      const prefix = b.name.split('_').slice(0, 2).join('_');
      const adult = (b.json.entry[0]!.resource.birthDate as string) < '2008-12-02';
      let client = parent.client;
      let patientId = b.json.entry[0]!.resource.id;
      if (prefix === 'Louis_Maggio') patientId = parent.patientId;
      else if (adult) ({ client, patientId } = await signUpPatient(t.app, t.ctx, prefix, `sample${i}`));
      else {
        await importPatient(t.ctx, prefix);
        await grantProxy(t.ctx, patientId, parentId, 'minor', 'full');
      }
      const base = `/api/patients/${patientId}`;
      const facts = bundleFacts(b.json.entry.map((e) => e.resource));
      const listed = await allResults(client, base);
      expect(listed.map((r) => r.id).sort(), b.name).toEqual(facts.results.map((r) => r.id).sort());
      for (const summary of listed) {
        const detail = (await client.get(`${base}/results/${summary.id}`)).json() as ResultDetail;
        for (const c of detail.components) {
          const o = facts.labs.get(c.id)!;
          const q = o.valueQuantity as { value: number; unit: string };
          expect(c.value, `${b.name} ${c.id}`).toBe(q.value);
          expect(c.unit).toBe(q.unit);
          checkedValues++;
        }
      }
    }
    expect(checkedValues).toBeGreaterThan(400);
  }, 120_000);

  it('lists newest first, hides hospital results until the box is checked, and remembers the choice per account', async () => {
    const { client, patientId } = await signUpPatient(t.app, t.ctx, 'Elvina_Lemke', 'elvina');
    const base = `/api/patients/${patientId}`;
    const facts = bundleFacts(
      sampleBundles()
        .find((b) => b.name.startsWith('Elvina'))!
        .json.entry.map((e) => e.resource),
    );
    // The sample data has no results from hospital stays: an inpatient stay and an emergency visit with labs.
    const potassium = { loinc: '6298-4', display: 'Potassium', value: 3.2, unit: 'mmol/L' };
    const stays = await importLabReports(t.ctx, patientId, [
      {
        loinc: '6298-4',
        display: 'Potassium',
        at: '2026-03-02T07:00:00.000Z',
        values: [potassium],
        encounterClass: 'IMP',
      },
      {
        loinc: '6298-4',
        display: 'Potassium',
        at: '2026-03-05T22:00:00.000Z',
        values: [potassium],
        encounterClass: 'EMER',
      },
    ]);
    for (const id of stays) {
      facts.results.push({ resourceType: 'DiagnosticReport', id });
      facts.hospital.push({ resourceType: 'DiagnosticReport', id });
    }

    const first = (await client.get(`${base}/results`)).json() as ResultList;
    expect(first.showHospitalResults).toBe(false);
    expect(first.hiddenHospitalResults).toBe(facts.hospital.length);
    const without = await allResults(client, base);
    expect(without).toHaveLength(facts.results.length - facts.hospital.length);
    expect(without.every((r) => !r.hospital)).toBe(true);
    const order = without.map((r) => r.collectedAt!);
    expect([...order].sort().reverse()).toEqual(order);

    expect((await client.put('/api/account/result-preferences', { showHospitalResults: true })).statusCode).toBe(200);
    const again = (await client.get(`${base}/results`)).json() as ResultList;
    expect(again.showHospitalResults).toBe(true);
    expect(again.hiddenHospitalResults).toBe(0);
    expect(await allResults(client, base)).toHaveLength(facts.results.length);
    expect((await client.get('/api/account/result-preferences')).json()).toEqual({ showHospitalResults: true });
  });

  it('pages by keyset without losing or repeating results that share one instant', async () => {
    const { client, patientId } = await signUpPatient(t.app, t.ctx, 'Reyna_Ziemann', 'reyna');
    const base = `/api/patients/${patientId}`;
    const at = '2026-06-01T09:00:00.000Z';
    const glucose = (value: number): LabValue => ({ loinc: '2339-0', display: 'Glucose', value, unit: 'mg/dL' });
    const ids = await importLabReports(
      t.ctx,
      patientId,
      Array.from({ length: 45 }, (_, i) => ({ loinc: '2339-0', display: 'Glucose', at, values: [glucose(80 + i)] })),
    );
    const sameInstant = (await allResults(client, base)).filter((r) => r.collectedAt === at);
    expect(sameInstant.map((r) => r.id).sort()).toEqual([...ids].sort());
    // A filter by name (a % is a letter, not a wildcard) and by dates, the end date including its whole day.
    expect(await allResults(client, base, 'name=%25')).toHaveLength(0);
    expect(await allResults(client, base, 'name=GLUCOSE&from=2026-06-01&to=2026-06-01')).toHaveLength(45);
    expect(await allResults(client, base, 'from=2026-06-02')).toHaveLength(0);
    const bad = await client.get(`${base}/results?from=2026-06-02&to=2026-06-01`);
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { error: { field: string } }).error.field).toBe('to');
    expect((await client.get(`${base}/results?cursor=not-a-cursor`)).statusCode).toBe(400);
  });

  it('flags values against the range at its edges: the limit itself is in range', async () => {
    const { client, patientId } = await signUpPatient(t.app, t.ctx, 'Elvina_Lemke', 'elvina'); // female, adult
    const base = `/api/patients/${patientId}`;
    const v = (loinc: string, display: string, value: number, unit: string, range?: LabValue['range']): LabValue => ({
      loinc,
      display,
      value,
      unit,
      ...(range ? { range } : {}),
    });
    const cases: [LabValue, string | null][] = [
      // The organisation's table: glucose 70–99 mg/dL, critical below 50.
      [v('2339-0', 'Glucose', 99, 'mg/dL'), 'normal'],
      [v('2339-0', 'Glucose', 99.01, 'mg/dL'), 'high'],
      [v('2339-0', 'Glucose', 70, 'mg/dL'), 'normal'],
      [v('2339-0', 'Glucose', 69.99, 'mg/dL'), 'low'],
      [v('2339-0', 'Glucose', 50, 'mg/dL'), 'low'],
      [v('2339-0', 'Glucose', 49.9, 'mg/dL'), 'critical_low'],
      // By sex: HDL at least 50 mg/dL for women.
      [v('2085-9', 'HDL', 50, 'mg/dL'), 'normal'],
      [v('2085-9', 'HDL', 49.9, 'mg/dL'), 'low'],
      // The laboratory's own range wins over the table's.
      [v('2339-0', 'Glucose', 120, 'mg/dL', { low: 60, high: 120 }), 'normal'],
      [v('2339-0', 'Glucose', 120.5, 'mg/dL', { low: 60, high: 120 }), 'high'],
      // Another unit than the table's: not compared.
      [v('2339-0', 'Glucose', 5.4, 'mmol/L'), null],
    ];
    const ids = await importLabReports(
      t.ctx,
      patientId,
      cases.map(([value], i) => ({
        loinc: value.loinc,
        display: value.display,
        at: `2026-0${1 + (i % 9)}-1${i % 10}T08:00:00.000Z`,
        values: [value],
      })),
    );
    for (const [i, [value, flag]] of cases.entries()) {
      const detail = (await client.get(`${base}/results/${ids[i]}`)).json() as ResultDetail;
      const c = detail.components[0]!;
      expect([value.value, c.flag], `${value.display} ${value.value}`).toEqual([c.value, flag]);
      expect(c.range?.source ?? null).toBe(flag === null ? null : value.range ? 'result' : 'organisation');
      expect(detail.outOfRange).toBe(flag && flag !== 'normal' ? 1 : 0);
    }
  });

  it('shows the trend of a repeated test with the values of the bundle, oldest first', async () => {
    const { client, patientId } = await signUpPatient(t.app, t.ctx, 'Elvina_Lemke', 'elvina');
    const base = `/api/patients/${patientId}`;
    await client.put('/api/account/result-preferences', { showHospitalResults: true });
    const glucose = sampleBundles()
      .find((b) => b.name.startsWith('Elvina'))!
      .json.entry.map((e) => e.resource)
      .filter((r) => r.resourceType === 'Observation' && (r.code as Coded).coding?.[0]?.code === '2339-0')
      .map((o) => ({ at: o.effectiveDateTime as string, value: (o.valueQuantity as { value: number }).value }))
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    const trend = (await client.get(`${base}/results/trends/2339-0`)).json() as ResultTrend;
    expect(trend.unit).toBe('mg/dL');
    expect(trend.range).toMatchObject({ low: 70, high: 99, source: 'organisation' });
    expect(trend.points.map((p) => p.value)).toEqual(glucose.map((g) => g.value));
    expect((await client.get(`${base}/results/trends/0000-0`)).statusCode).toBe(404);
  });

  it("answers another record's result under the caller's own patient id as not found", async () => {
    const elvina = await signUpPatient(t.app, t.ctx, 'Elvina_Lemke', 'elvina');
    const louis = await signUpPatient(t.app, t.ctx, 'Louis_Maggio', 'louis');
    const [louisResult] = (await louis.client.get(`/api/patients/${louis.patientId}/results`)).json().items as {
      id: string;
    }[];
    const mine = await elvina.client.get(`/api/patients/${elvina.patientId}/results/${louisResult!.id}`);
    const unknown = await elvina.client.get(`/api/patients/${elvina.patientId}/results/no-such-result`);
    expect(mine.statusCode).toBe(404);
    expect(mine.body).toBe(unknown.body);
    expect((await elvina.client.get(`/api/patients/${louis.patientId}/results`)).statusCode).toBe(404);
  });
});
