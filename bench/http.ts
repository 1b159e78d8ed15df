/**
 * HTTP benchmark: signed-in patients load Home and the medication list under load, beside a bare Fastify route in the
 * same process and run, on SQLite and on PostgreSQL. Data: N patients (copies of the sample bundles with new ids).
 * Prints requests/s and p95 latency for each, and each route's share of the bare route's throughput.
 *
 *   npm run bench:http -- --patients 1000 --connections 100 --duration 10
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:http
 */
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { buildApp } from '../src/server/app.ts';
import { loadConfig, type DatabaseConfig } from '../src/server/config.ts';
import { openDatabase, type Db } from '../src/server/db/connection.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { withNewIds } from '../src/server/modules/fhir/fhir-bundle.ts';
import { FhirImportService } from '../src/server/modules/fhir/fhir-import.service.ts';
import { AuditLog } from '../src/server/platform/audit/audit.ts';
import { systemClock } from '../src/server/platform/clock.ts';
import { createContext } from '../src/server/platform/context.ts';
import { onEachEngine } from './bench-db.ts';

const { values } = parseArgs({
  options: {
    patients: { type: 'string', default: '1000' },
    connections: { type: 'string', default: '100' },
    duration: { type: 'string', default: '10' },
    sessions: { type: 'string', default: '200' },
    engine: { type: 'string' },
  },
});
const patients = Number(values.patients);
const connections = Number(values.connections);
const duration = Number(values.duration);
const sessionCount = Number(values.sessions);
const demoDir = path.resolve(import.meta.dirname, '../demo/synthea');

interface Figures {
  name: string;
  rps: number;
  p95: number;
  errors: number;
}

/** Imports the shared bundles once and the patient bundles as many times as it takes to reach `patients`. */
async function load(db: Db): Promise<string[]> {
  const importer = new FhirImportService(db.kysely, new AuditLog(db.kysely, systemClock), systemClock);
  const files = readdirSync(demoDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ f, json: JSON.parse(readFileSync(path.join(demoDir, f), 'utf8')) }));
  const shared = files.filter((x) => x.json.entry?.[0]?.resource?.resourceType !== 'Patient');
  const people = files.filter((x) => x.json.entry?.[0]?.resource?.resourceType === 'Patient');
  for (const s of shared) await importer.importBundle(s.f, s.json);
  const ids: string[] = [];
  const started = Date.now();
  for (let i = 0; ids.length < patients; i++) {
    const source = people[i % people.length]!;
    const copy = withNewIds(source.json) as { entry: { resource: { resourceType: string; id: string } }[] };
    await importer.importBundle(`${i}-${source.f}`, copy);
    ids.push(copy.entry.find((e) => e.resource.resourceType === 'Patient')!.resource.id);
    if (process.stdout.isTTY && ids.length % 50 === 0)
      process.stdout.write(`\r  importing patients ${ids.length}/${patients}`);
  }
  if (process.stdout.isTTY) process.stdout.write('\r');
  console.log(`  imported ${ids.length} patients in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return ids;
}

/** Patient accounts with open sessions for the first `sessionCount` patients: [patientId, cookie] pairs. */
async function signIn(db: Db, ctx: ReturnType<typeof createContext>, ids: string[]): Promise<[string, string][]> {
  const out: [string, string][] = [];
  const now = new Date().toISOString();
  for (const patientId of ids.slice(0, sessionCount)) {
    const id = `bench-${patientId}`;
    await db.kysely
      .insertInto('account')
      .values({
        id,
        realm: 'patient',
        username: id,
        username_display: id,
        password_hash: 'bench',
        patient_id: patientId,
        display_name: 'Bench patient',
        staff_role: null,
        email: null,
        email_verified_at: null,
        phone: null,
        phone_verified_at: null,
        address: null,
        totp_secret: null,
        totp_enabled_at: null,
        totp_pending_secret: null,
        totp_last_step: null,
        status: 'active',
        password_changed_at: now,
        created_at: now,
      })
      .execute();
    const opened = await ctx.sessions.open(db.kysely, id, 'patient', 'full', { ip: '127.0.0.1', userAgent: 'bench' });
    out.push([patientId, `lantern=${opened.cookieValue}`]);
  }
  return out;
}

async function hammer(
  name: string,
  url: string,
  paths: ((i: number) => { path: string; cookie?: string }) | null,
): Promise<Figures> {
  let n = 0;
  const latencies: number[] = [];
  let errors = 0;
  let done!: (r: autocannon.Result) => void;
  let failed!: (e: unknown) => void;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    done = resolve;
    failed = reject;
  });
  const instance = autocannon(
    {
      url,
      connections,
      duration,
      requests: [
        {
          method: 'GET',
          setupRequest: (req) => {
            if (!paths) return req;
            const next = paths(n++);
            return {
              ...req,
              path: next.path,
              headers: { ...req.headers, ...(next.cookie ? { cookie: next.cookie } : {}) },
            };
          },
        },
      ],
    },
    (err, res) => (err ? failed(err) : done(res)),
  );
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    if (statusCode !== 200) errors++;
  });
  const result = await finished;
  latencies.sort((a, b) => a - b);
  const p95 = latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.95))]! : NaN;
  return { name, rps: result.requests.average, p95, errors: errors + result.errors + result.timeouts };
}

async function run(config: DatabaseConfig, dataDir: string): Promise<void> {
  const db = openDatabase(config);
  const bare = Fastify({ logger: false });
  bare.get('/bare', async () => ({ ok: true }));
  try {
    await migrateToLatest(db);
    console.log(`\n${config.engine}: ${patients} patients`);
    const ids = await load(db);
    const base = loadConfig({ ...process.env, LANTERN_DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: '' });
    const ctx = createContext({ ...base, database: config }, db, systemClock);
    const sessions = await signIn(db, ctx, ids);
    const app = await buildApp(ctx, { web: 'none' });
    const appUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });
    try {
      const pick = (suffix: string) => (i: number) => {
        const [patientId, cookie] = sessions[i % sessions.length]!;
        return { path: `/api/patients/${patientId}/${suffix}`, cookie };
      };
      const results: Figures[] = [];
      results.push(await hammer('bare Fastify route', `${bareUrl}/bare`, null));
      results.push(await hammer('Home', appUrl, pick('home')));
      results.push(await hammer('medication list', appUrl, pick('medications')));
      const bareRps = results[0]!.rps;
      console.log(
        `  ${connections} connections, ${duration} s each, ${sessions.length} signed-in patients (node ${process.version}, ${os.cpus().length} cores)`,
      );
      for (const r of results) {
        console.log(
          `  ${r.name.padEnd(20)} ${r.rps.toFixed(0).padStart(7)} req/s   p95 ${r.p95.toFixed(1).padStart(6)} ms   ${((r.rps / bareRps) * 100).toFixed(1).padStart(5)}% of bare${r.errors ? `   ${r.errors} errors` : ''}`,
        );
      }
    } finally {
      await app.close();
    }
  } finally {
    await bare.close();
    await db.close();
  }
}

console.log(`HTTP benchmark: Home and medications for signed-in patients vs a bare Fastify route`);
await onEachEngine('http', values.engine, run);
