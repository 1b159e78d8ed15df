/**
 * The benchmark as deployed: `lantern serve` runs as its own process on a prepared database, a bare `node:http`
 * server runs as another (the ratio's reference), and this process drives the load with autocannon, so the load
 * generator never shares an event loop with the server. Signed-in patients (sessions opened on the prepared
 * database) go through session, scope and audit as real ones do. Prints one table per engine and size.
 *
 *   npm run bench -- --patients 1000,10000
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench -- --patients 1000
 *
 * Options: --patients list (1000), --connections N (50), --duration S (10), --warmup S (3), --sessions N (200),
 * --engine sqlite|postgres, --only name,name (scenarios), --fresh (rebuild the prepared database instead of reusing
 * its snapshot, bench/snapshot.ts), --workers N (lantern serve's processes; default one per core), --profile (the server writes a CPU profile to bench/out when it stops; open it in
 * Chrome DevTools or speedscope).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { loadConfig, OWASP_HASH_COST, type DatabaseConfig } from '../src/server/config.ts';
import { openDatabase, type Db } from '../src/server/db/connection.ts';
import { AccessRepository } from '../src/server/platform/access/access.repository.ts';
import { hashPassword } from '../src/server/modules/identity/credentials.ts';
import { systemClock } from '../src/server/platform/clock.ts';
import { createContext } from '../src/server/platform/context.ts';
import { onEachEngine } from './bench-db.ts';
import { prepareDatabase } from './snapshot.ts';
import { prepareVisits, type VisitsBench } from './visits.ts';

const { values } = parseArgs({
  options: {
    patients: { type: 'string', default: '1000' },
    connections: { type: 'string', default: '50' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    sessions: { type: 'string', default: '200' },
    engine: { type: 'string' },
    only: { type: 'string' },
    fresh: { type: 'boolean', default: false },
    workers: { type: 'string' },
    'prepare-only': { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
  },
});
const sizes = values.patients.split(',').map(Number);
const connections = Number(values.connections);
const duration = Number(values.duration);
const warmup = Number(values.warmup);
const sessionCount = Number(values.sessions);
const only = values.only?.split(',');
const repoRoot = path.resolve(import.meta.dirname, '..');
const PASSWORD = 'bench harbour lantern';

interface Row {
  statuses: string;
  scenario: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

/** One request of a scenario: what to send for the i-th request. */
type Next = (i: number) => {
  method: 'GET' | 'POST';
  path: string;
  cookie?: string;
  csrf?: string;
  body?: string;
  ip?: string;
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Everything a started process wrote after it was ready (the server's warnings and errors, for a failed scenario). */
const laterOutput = new WeakMap<ChildProcess, string[]>();

/** Starts a process and waits until its output says it is ready. */
async function startProcess(args: string[], env: NodeJS.ProcessEnv, ready: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { env, cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const later: string[] = [];
  laterOutput.set(child, later);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready in 90 s:\n${output}`)), 90_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      if (later.length < 200 && output.includes(ready)) later.push(d.toString());
      if (output.includes(ready)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited (${code}):\n${output}`)));
  });
  child.removeAllListeners('exit');
  return child;
}

interface Person {
  patientId: string;
  cookie: string;
  csrf: string;
  username: string;
  /** A result of theirs with a repeated test in it, and that test's code (the result page and its trend). */
  result: { id: string; code: string } | null;
}

/** Patient accounts (one real password hash, OWASP cost) with open sessions. */
async function accounts(db: Db, config: DatabaseConfig, ids: string[]): Promise<Person[]> {
  const ctx = createContext({ ...loadConfig({ LOG_LEVEL: 'silent' }), database: config }, db, systemClock);
  const hash = await hashPassword(PASSWORD, OWASP_HASH_COST);
  const out: Person[] = [];
  const now = new Date().toISOString();
  // Adults only: a child's record has no account of its own (sign-in would rightly refuse it).
  const adultBefore = `${new Date().getUTCFullYear() - 18}-01-01`;
  const adults: string[] = [];
  const births = new AccessRepository(db.kysely);
  for (const patientId of ids) {
    if (adults.length >= sessionCount) break;
    const birthDate = await births.birthDateOf(patientId);
    if (birthDate && birthDate < adultBefore) adults.push(patientId);
  }
  for (const patientId of adults) {
    const id = randomUUID();
    const username = `bench${out.length}`;
    await db.kysely
      .insertInto('account')
      .values({
        id,
        realm: 'patient',
        username,
        username_display: username,
        password_hash: hash,
        patient_id: patientId,
        display_name: 'Bench Patient',
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
    // The newest result holding a test done more than once (a panel's glucose, an HbA1c): what a patient opens.
    const repeated = await db.kysely
      .selectFrom('lab_result_value')
      .select(['result_id', 'code', 'at'])
      .where('patient_id', '=', patientId)
      .where('code', 'in', (eb) =>
        eb
          .selectFrom('lab_result_value')
          .select('code')
          .where('patient_id', '=', patientId)
          .groupBy('code')
          .having((h) => h.fn.countAll(), '>', 1),
      )
      .orderBy('at', 'desc')
      .executeTakeFirst();
    const result = repeated?.code ? { id: repeated.result_id, code: repeated.code } : null;
    out.push({ patientId, cookie: `lantern=${opened.cookieValue}`, csrf: opened.csrfToken, username, result });
  }
  return out;
}

async function hammer(scenario: string, base: string, next: Next, seconds: number): Promise<Row> {
  let n = 0;
  const latencies: number[] = [];
  let errors = 0;
  const statuses = new Map<number, number>();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections,
        duration: seconds,
        requests: [
          {
            setupRequest: (req) => {
              const r = next(n++);
              return {
                ...req,
                method: r.method,
                path: r.path,
                headers: {
                  ...req.headers,
                  ...(r.cookie ? { cookie: r.cookie } : {}),
                  ...(r.csrf ? { 'x-csrf-token': r.csrf } : {}),
                  ...(r.body ? { 'content-type': 'application/json' } : {}),
                  ...(r.ip ? { 'x-forwarded-for': r.ip } : {}),
                },
                ...(r.body ? { body: r.body } : {}),
              };
            },
          },
        ],
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      if (statusCode >= 400) {
        errors++;
        statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
      }
    });
  });
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] ?? NaN;
  return {
    statuses: [...statuses].map(([code, n]) => `${n}×${code}`).join(' '),
    scenario,
    rps: result.requests.average,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    errors: errors + result.errors + result.timeouts,
  };
}

async function run(engineConfig: DatabaseConfig, work: string, patients: number): Promise<void> {
  // `lantern serve` finds SQLite as lantern.sqlite in its data directory.
  const config: DatabaseConfig =
    engineConfig.engine === 'sqlite' ? { engine: 'sqlite', file: path.join(work, 'lantern.sqlite') } : engineConfig;
  const ids = await prepareDatabase(config, patients, values.fresh);
  if (values['prepare-only']) return;
  let people: Person[];
  let visits: VisitsBench;
  const db = openDatabase(config);
  try {
    const openedAt = new Date().toISOString();
    people = await accounts(db, config, ids);
    visits = await prepareVisits(
      db,
      config,
      people.map((p) => p.patientId),
      openedAt,
    );
  } finally {
    await db.close();
  }
  const port = await freePort();
  const barePort = await freePort();
  const server = await startProcess(
    [
      ...(values.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.join(repoRoot, 'bench/out')}`] : []),
      path.join(repoRoot, 'bin/lantern.mjs'),
      'serve',
      ...(values.workers ? ['--workers', values.workers] : []),
    ],
    {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      TRUST_PROXY: 'true', // sign-ins come "from" many addresses, as patients do
      ...(config.engine === 'postgres'
        ? { DATABASE_URL: config.url, LANTERN_DATA_DIR: work }
        : { LANTERN_DATA_DIR: work }),
    },
    'is running at',
  );
  const bare = await startProcess(
    [
      '-e',
      `require('node:http').createServer((q, s) => { s.setHeader('content-type', 'application/json'); s.end('{"ok":true}'); }).listen(${barePort}, '127.0.0.1', () => console.log('bare ready'));`,
    ],
    { PATH: process.env.PATH },
    'bare ready',
  );
  try {
    const base = `http://127.0.0.1:${port}`;
    const who = (i: number) => people[i % people.length]!;
    const withResults = people.filter((p) => p.result !== null);
    const get =
      (suffix: string): Next =>
      (i) => ({ method: 'GET', path: `/api/patients/${who(i).patientId}/${suffix}`, cookie: who(i).cookie });
    const scenarios: [string, string, Next][] = [
      ['one record item', base, get('summary')],
      ['Home', base, get('home')],
      ['medication list', base, get('medications')],
      ['inbox', base, get('messages?box=inbox')],
      ['20 newest lab results', base, get('results')],
      [
        'one result with its trend',
        base,
        // The result page asks for the result, then for the trend of a test in it: alternate the two requests.
        (i) => {
          const p = withResults[i % withResults.length]!;
          const suffix =
            i % 2 === 0 ? `results/${p.result!.id}` : `results/trends/${encodeURIComponent(p.result!.code)}`;
          return { method: 'GET', path: `/api/patients/${p.patientId}/${suffix}`, cookie: p.cookie };
        },
      ],
      ['list my appointments', base, get('visits')],
      [
        'book a contended slot',
        base,
        // Every patient tries to book one of four slots; exactly four bookings may result (the rest are 409s).
        (i) => ({
          method: 'POST',
          path: `/api/patients/${who(i).patientId}/appointments`,
          cookie: who(i).cookie,
          csrf: who(i).csrf,
          body: JSON.stringify({
            practitionerId: visits.practitionerId,
            visitTypeId: 'office-visit',
            start: visits.starts[i % visits.starts.length],
            idempotencyKey: randomUUID(),
          }),
        }),
      ],
      [
        'send a message',
        base,
        (i) => ({
          method: 'POST',
          path: `/api/patients/${who(i).patientId}/messages`,
          cookie: who(i).cookie,
          csrf: who(i).csrf,
          body: JSON.stringify({
            kind: 'customer_service',
            topic: 'billing_question',
            subject: 'Bench question',
            body: 'Why was I charged twice?',
            idempotencyKey: randomUUID(),
          }),
        }),
      ],
      [
        'sign-in',
        base,
        (i) => ({
          method: 'POST',
          path: '/api/auth/signin',
          body: JSON.stringify({ username: who(i).username, password: PASSWORD }),
          ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
        }),
      ],
    ];
    const rows: Row[] = [];
    const bareNext: Next = () => ({ method: 'GET', path: '/' });
    await hammer('warm-up', `http://127.0.0.1:${barePort}`, bareNext, warmup);
    const bareRow = await hammer('bare node:http', `http://127.0.0.1:${barePort}`, bareNext, duration);
    rows.push(bareRow);
    for (const [name, url, next] of scenarios) {
      if (only && !only.some((o) => name.includes(o))) continue;
      await hammer('warm-up', url, next, warmup);
      rows.push(await hammer(name, url, next, duration));
    }
    console.log(
      `\n${config.engine}, ${patients} patients, ${values.workers ?? os.availableParallelism()} worker(s), ${connections} connections, ${duration} s each (${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'cpu'})`,
    );
    console.log('| scenario | req/s | p50 ms | p95 ms | p99 ms | errors | share of bare |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const r of rows)
      console.log(
        `| ${r.scenario} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.errors}${r.statuses ? ` (${r.statuses})` : ''} | ${((100 * r.rps) / bareRow.rps).toFixed(2)} % |`,
      );
    if (!only || only.some((o) => 'book a contended slot'.includes(o))) {
      const check = openDatabase(config);
      try {
        const made = await visits.countBookings(check);
        console.log(
          `\nbook a contended slot: ${made} bookings for ${visits.starts.length} slots (${made === visits.starts.length ? 'equal' : 'NOT EQUAL'}); its errors are the 409s of the requests that lost the race`,
        );
      } finally {
        await check.close();
      }
    }
    if (rows.some((r) => r.errors > 0 && r.scenario !== 'book a contended slot'))
      console.log(
        `\nThe server said (first lines after it was ready):\n${laterOutput.get(server)!.join('').slice(0, 4000)}`,
      );
  } finally {
    server.kill('SIGTERM');
    bare.kill('SIGTERM');
  }
}

if (!existsSync(path.join(repoRoot, 'dist/web/index.html'))) {
  console.error('Build the web app first (npm run build): `lantern serve` serves it.');
  process.exit(1);
}
for (const patients of sizes)
  await onEachEngine(`serve${patients}`, values.engine, (config, work) => run(config, work, patients));
