/**
 * A prepared database of N patients for the benchmark, made once and kept: importing 10,000 patients through the
 * FHIR importer takes about half an hour here, so the sample patients are imported once (the real path) and then
 * cloned row by row with fresh ids (every id of a patient's resources replaced, references included), which takes
 * minutes. SQLite snapshots are files under bench/.cache; PostgreSQL ones are template databases
 * (`CREATE DATABASE … TEMPLATE`). A snapshot's name carries a hash of the migrations and the sample files, so a
 * changed schema or data set makes a new one. `--fresh` ignores kept snapshots.
 */
import { createHash, randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { sql } from 'kysely';
import pg from 'pg';
import { loadTenant, type DatabaseConfig } from '../src/server/config.ts';
import { openDatabase, type Db } from '../src/server/db/connection.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import type { FhirResourceTable, LabResultTable, LabResultValueTable } from '../src/server/db/schema.ts';
import { FhirImportService } from '../src/server/modules/fhir/fhir-import.service.ts';
import { FhirService } from '../src/server/modules/fhir/fhir.service.ts';
import { resultsIndexListener } from '../src/server/modules/results/results-indexer.ts';
import { AuditLog } from '../src/server/platform/audit/audit.ts';
import { systemClock } from '../src/server/platform/clock.ts';

const repoRoot = path.resolve(import.meta.dirname, '..');
const demoDir = path.join(repoRoot, 'demo/synthea');
const cacheDir = path.join(repoRoot, 'bench/.cache');
const GENERATOR_VERSION = '1';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
/** Rows per INSERT: well under SQLite's parameter limit, few round trips on PostgreSQL. */
const BATCH = 500;

/** What makes a snapshot stale: the schema (migration files), the sample data, the tenant file and this generator. */
function snapshotKey(patients: number): string {
  const hash = createHash('sha256').update(GENERATOR_VERSION);
  const migrations = path.join(repoRoot, 'src/server/db/migrations');
  for (const f of readdirSync(migrations).sort()) hash.update(f).update(readFileSync(path.join(migrations, f)));
  for (const f of readdirSync(demoDir).sort()) hash.update(f);
  hash.update(readFileSync(path.join(repoRoot, 'config/tenant.demo.json'))); // the results index's names and ranges
  return `${patients}_${hash.digest('hex').slice(0, 10)}`;
}

/**
 * Makes `config` (a fresh SQLite file or an empty PostgreSQL database) hold `patients` patients, from a kept snapshot
 * when there is one. Returns the patients' ids.
 */
export async function prepareDatabase(config: DatabaseConfig, patients: number, fresh = false): Promise<string[]> {
  const key = snapshotKey(patients);
  if (config.engine === 'sqlite') {
    const kept = path.join(cacheDir, `sqlite_${key}.sqlite`);
    if (fresh || !existsSync(kept)) {
      mkdirSync(cacheDir, { recursive: true });
      for (const old of readdirSync(cacheDir).filter((f) => f.startsWith(`sqlite_${patients}_`)))
        rmSync(path.join(cacheDir, old), { force: true });
      const building = `${kept}.building`;
      rmSync(building, { force: true });
      const db = openDatabase({ engine: 'sqlite', file: building });
      try {
        await build(db, patients);
        // One file, no WAL beside it: the copy below is the whole database.
        await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db.kysely);
      } finally {
        await db.close();
      }
      rmSync(`${building}-wal`, { force: true });
      rmSync(`${building}-shm`, { force: true });
      renameSync(building, kept);
    } else console.log(`  using the kept snapshot ${path.relative(repoRoot, kept)}`);
    copyFileSync(kept, config.file);
    return patientIds(config);
  }
  const target = new URL(config.url);
  const template = `lantern_bench_snap_${key}`;
  const admin = new pg.Client({ connectionString: config.url.replace(/\/[^/]*$/, '/postgres') });
  await admin.connect();
  try {
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template])).rowCount;
    if (fresh || !exists) {
      const stale = await admin.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE 'lantern_bench_snap\\_${patients}\\_%'`,
      );
      for (const r of stale.rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${template}`);
      const url = new URL(config.url);
      url.pathname = `/${template}`;
      const db = openDatabase({ engine: 'postgres', url: url.toString() });
      try {
        await build(db, patients);
        await sql`ANALYZE`.execute(db.kysely);
      } finally {
        await db.close();
      }
    } else console.log(`  using the kept snapshot database ${template}`);
    const name = target.pathname.slice(1);
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  return patientIds(config);
}

async function patientIds(config: DatabaseConfig): Promise<string[]> {
  const db = openDatabase(config);
  try {
    const rows = await db.kysely
      .selectFrom('fhir_resource')
      .select('id')
      .where('resource_type', '=', 'Patient')
      .orderBy('id')
      .execute();
    return rows.map((r) => r.id);
  } finally {
    await db.close();
  }
}

/** Imports the sample bundles the real way, then clones the sample patients until there are `patients`. */
async function build(db: Db, patients: number): Promise<void> {
  const started = Date.now();
  await migrateToLatest(db);
  const tenant = loadTenant(path.join(repoRoot, 'config/tenant.demo.json'));
  const importer = new FhirImportService(db.kysely, new AuditLog(db.kysely, systemClock), systemClock, [
    resultsIndexListener(new FhirService(db.kysely), tenant.results),
  ]);
  const files = readdirSync(demoDir)
    .filter((f) => f.endsWith('.json') && !f.startsWith('zz-synthetic'))
    .map((f) => ({ f, json: JSON.parse(readFileSync(path.join(demoDir, f), 'utf8')) }));
  const isPatient = (x: { json: { entry?: { resource?: { resourceType?: string } }[] } }) =>
    x.json.entry?.[0]?.resource?.resourceType === 'Patient';
  // Shared bundles (organisations, practitioners) first, then each sample patient once.
  for (const s of [...files.filter((x) => !isPatient(x)), ...files.filter(isPatient)])
    await importer.importBundle(s.f, s.json);
  const templates = (
    await db.kysely.selectFrom('fhir_resource').select('id').where('resource_type', '=', 'Patient').execute()
  ).map((r) => r.id);
  const rowsOf = new Map<string, FhirResourceTable[]>();
  for (const id of templates)
    rowsOf.set(
      id,
      (await db.kysely.selectFrom('fhir_resource').selectAll().where('patient_id', '=', id).execute()).map((r) => ({
        ...r,
        content: typeof r.content === 'string' ? r.content : JSON.stringify(r.content),
      })),
    );
  // The results index the import kept for each template, cloned with the same ids as the resources.
  const resultsOf = new Map<string, { results: LabResultTable[]; values: LabResultValueTable[] }>();
  for (const id of templates)
    resultsOf.set(id, {
      results: await db.kysely.selectFrom('lab_result').selectAll().where('patient_id', '=', id).execute(),
      values: await db.kysely.selectFrom('lab_result_value').selectAll().where('patient_id', '=', id).execute(),
    });
  const organisationsOf = new Map<string, string[]>();
  for (const r of await db.kysely.selectFrom('patient_organisation').selectAll().execute())
    organisationsOf.set(r.patient_id, [...(organisationsOf.get(r.patient_id) ?? []), r.organisation_id]);

  const toMake = Math.max(0, patients - templates.length);
  const bar = new cliProgress.SingleBar(
    { format: '  cloning patients [{bar}] {value}/{total} · {rows} rows · {duration}s', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(toMake, 0, { rows: 0 });
  let rowCount = 0;
  for (let made = 0; made < toMake;) {
    const rows: FhirResourceTable[] = [];
    const results: LabResultTable[] = [];
    const values: LabResultValueTable[] = [];
    const orgs: { patient_id: string; organisation_id: string }[] = [];
    // One transaction per 10 patients: big enough to amortise the commit, small enough to show progress.
    for (let k = 0; k < 10 && made < toMake; k++, made++) {
      const template = templates[made % templates.length]!;
      const source = rowsOf.get(template)!;
      const ids = new Map<string, string>(source.map((r) => [r.id, randomUUID()]));
      const swap = (text: string) => text.replace(UUID, (m) => ids.get(m) ?? m);
      for (const r of source)
        rows.push({
          ...r,
          id: ids.get(r.id)!,
          patient_id: ids.get(r.patient_id!)!,
          content: swap(r.content as string),
        });
      for (const o of organisationsOf.get(template) ?? [])
        orgs.push({ patient_id: ids.get(template)!, organisation_id: o });
      const index = resultsOf.get(template)!;
      const mapped = (id: string | null) => (id === null ? null : (ids.get(id) ?? id));
      for (const r of index.results)
        results.push({
          ...r,
          id: mapped(r.id)!,
          patient_id: mapped(r.patient_id)!,
          encounter_id: mapped(r.encounter_id),
        });
      for (const v of index.values)
        values.push({ ...v, id: mapped(v.id)!, result_id: mapped(v.result_id)!, patient_id: mapped(v.patient_id)! });
    }
    await db.kysely.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += BATCH)
        await trx
          .insertInto('fhir_resource')
          .values(rows.slice(i, i + BATCH))
          .execute();
      if (orgs.length) await trx.insertInto('patient_organisation').values(orgs).execute();
      for (let i = 0; i < results.length; i += BATCH)
        await trx
          .insertInto('lab_result')
          .values(results.slice(i, i + BATCH))
          .execute();
      for (let i = 0; i < values.length; i += BATCH)
        await trx
          .insertInto('lab_result_value')
          .values(values.slice(i, i + BATCH))
          .execute();
    });
    rowCount += rows.length;
    bar.update(made, { rows: rowCount });
  }
  bar.stop();
  console.log(
    `  prepared ${Math.max(patients, templates.length)} patients (${templates.length} imported, ${toMake} cloned, ${rowCount} rows) in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
}
