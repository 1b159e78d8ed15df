/**
 * Import benchmark: N copies of the sample patient bundles (each copy with new ids) plus the shared
 * Organization/Practitioner bundles, imported into a fresh database on each engine. Prints resources/s.
 *
 *   npm run bench:import -- --copies 20            # SQLite, and PostgreSQL if BENCH_DATABASE_URL or DATABASE_URL is set
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/server/db/connection.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { withNewIds } from '../src/server/modules/fhir/fhir-bundle.ts';
import { FhirImportService } from '../src/server/modules/fhir/fhir-import.service.ts';
import { importFiles, totals } from '../src/server/modules/fhir/fhir-import.runner.ts';
import { terminalProgress } from '../src/server/modules/fhir/fhir.cli.ts';
import { AuditLog } from '../src/server/platform/audit/audit.ts';
import { systemClock } from '../src/server/platform/clock.ts';
import type { DatabaseConfig } from '../src/server/config.ts';
import { onEachEngine } from './bench-db.ts';

const { values } = parseArgs({ options: { copies: { type: 'string', default: '10' }, engine: { type: 'string' } } });
const copies = Number(values.copies);
const demoDir = path.resolve(import.meta.dirname, '../demo/synthea');

function writeCopies(dir: string): void {
  for (const name of readdirSync(demoDir).filter((f) => f.endsWith('.json'))) {
    const bundle = JSON.parse(readFileSync(path.join(demoDir, name), 'utf8'));
    const isPatient = bundle.entry?.[0]?.resource?.resourceType === 'Patient';
    if (!isPatient) {
      writeFileSync(path.join(dir, `0-${name}`), JSON.stringify(bundle));
      continue;
    }
    for (let i = 0; i < copies; i++)
      writeFileSync(path.join(dir, `${String(i).padStart(4, '0')}-${name}`), JSON.stringify(withNewIds(bundle)));
  }
}

async function run(config: DatabaseConfig, files: string): Promise<void> {
  const db = openDatabase(config);
  try {
    await migrateToLatest(db);
    const service = new FhirImportService(db.kysely, new AuditLog(db.kysely, systemClock), systemClock);
    const progress = terminalProgress();
    const report = await importFiles(service, [files], progress ? { progress } : {});
    const t = totals(report);
    if (report.failed.length) throw new Error(`${report.failed.length} bundle(s) failed: ${report.failed[0]!.message}`);
    console.log(
      `${config.engine.padEnd(8)} ${String(report.imported.length).padStart(5)} bundles  ${String(t.patients).padStart(5)} patients  ${String(t.resources).padStart(7)} resources  ${report.seconds.toFixed(2).padStart(7)} s  ${Math.round(t.resources / report.seconds)} resources/s`,
    );
  } finally {
    await db.close();
  }
}

console.log(
  `Import benchmark: ${copies} copies of the sample patients (node ${process.version}, ${os.cpus().length} cores)`,
);
await onEachEngine('import', values.engine, async (config, work) => {
  const files = path.join(work, 'bundles');
  mkdirSync(files, { recursive: true });
  writeCopies(files);
  await run(config, files);
});
