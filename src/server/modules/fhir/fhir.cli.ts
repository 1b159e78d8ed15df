import path from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import type { AppContext } from '../../platform/context.ts';
import type { FhirImportService, OutcomeCounts } from './fhir-import.service.ts';
import type { OpenApp } from '../../services.ts';
import {
  importFiles,
  totals,
  type ImportProgress,
  type ImportReport,
  type ImportTotals,
} from './fhir-import.runner.ts';
import { FhirRepository } from './fhir.repository.ts';

/** Opens the configured database (migrated) and gives a context; the caller's `close` ends it. */

/**
 * The sample Synthea bundles shipped for the demo: shared/data/synthea with fictional organisations
 * (scripts/fictional-demo-organisations.ts).
 */
export const demoBundleDir = path.resolve(import.meta.dirname, '../../../../demo/synthea');

/** `lantern import PATH…`. */
export function registerFhirCommands(program: Command, openContext: OpenApp): void {
  program
    .command('import')
    .description('import FHIR R4 bundles (files or folders of .json) into the clinical store')
    .argument('<paths...>', 'bundle files or folders')
    .option('--shift-to-now', 'move every date by one offset so the newest event lands on today (ages stay true)')
    .action(async (paths: string[], opts: { shiftToNow?: boolean }) => {
      const { ctx, services, close } = await openContext();
      try {
        const report = await runImport(services.fhirImport, ctx.clock.now(), paths, {
          shiftToNow: opts.shiftToNow ?? false,
          progress: terminalProgress(),
        });
        printSummary(report);
        if (report.failed.length) process.exitCode = 1;
      } finally {
        await close();
      }
    });
}

/** Imports files through the import service, with the context's clock as "today" for the time shift. */
export function runImport(
  service: FhirImportService,
  today: Date,
  paths: string[],
  options: { shiftToNow: boolean; progress?: ImportProgress },
): Promise<ImportReport> {
  return importFiles(service, paths, {
    shiftToNow: options.shiftToNow,
    today,
    ...(options.progress ? { progress: options.progress } : {}),
  });
}

/** The demo: the shipped sample patients with their dates moved to now. Safe to run again (it updates). */
export function seedDemo(service: FhirImportService, today: Date, progress?: ImportProgress): Promise<ImportReport> {
  return runImport(service, today, [demoBundleDir], { shiftToNow: true, ...(progress ? { progress } : {}) });
}

/** True when the clinical store holds no patient yet (so `serve --demo` seeds it once). */
export async function hasNoPatients(ctx: AppContext): Promise<boolean> {
  const counts = await new FhirRepository().countByType(ctx.db.kysely);
  return !counts.Patient;
}

/** A progress bar on a terminal; nothing when output goes to a file or CI log. */
export function terminalProgress(): ImportProgress | undefined {
  if (!process.stderr.isTTY) return undefined;
  const bar = new cliProgress.SingleBar(
    {
      format: 'Importing |{bar}| {percentage}% | {files} files | {resources} resources',
      stream: process.stderr,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let resources = 0;
  let done = 0;
  let fileCount = 0;
  return {
    start: (total, files) => {
      fileCount = files;
      bar.start(Math.max(total, 1), 0, { files: `0/${files}`, resources: 0 });
    },
    advance: (bytes, r) => {
      resources = r.resources;
      done += 1;
      bar.increment(bytes, { resources, files: `${done}/${fileCount}` });
    },
    stop: () => bar.stop(),
  };
}

const number = new Intl.NumberFormat('en-US');
const count = (n: number, one: string, many: string) => `${number.format(n)} ${n === 1 ? one : many}`;

/**
 * The end-of-import summary in plain words: distinct patients and resources stored, split into new, updated and
 * unchanged, a table of them per resource type, seconds, and each refused file with its reason.
 */
export function printSummary(report: ImportReport): void {
  const t = totals(report);
  const rate = report.seconds > 0 ? Math.round(t.resources / report.seconds) : t.resources;
  console.log(
    `Imported ${count(report.imported.length, 'bundle', 'bundles')}: ${count(t.patients, 'patient', 'patients')}, ` +
      `${count(t.resources, 'resource', 'resources')} (${number.format(t.all.new)} new, ` +
      `${number.format(t.all.updated)} updated, ${number.format(t.all.unchanged)} unchanged) ` +
      `in ${report.seconds.toFixed(2)} s (${number.format(rate)} resources/s).`,
  );
  if (report.shift) console.log(`Dates shifted by ${report.shift.days} days so the newest event lands on today.`);
  if (t.resources) for (const line of outcomeTable(t)) console.log(`  ${line}`);
  const waiting = report.imported.reduce((n, b) => n + b.waitingReferences, 0);
  if (waiting)
    console.log(`${waiting} reference(s) point at resources not imported yet; they resolve when those arrive.`);
  for (const f of report.failed) console.error(`Refused: ${f.message}`);
  if (report.failed.length) console.error(`${report.failed.length} bundle(s) refused; nothing of them was stored.`);
}

/** Distinct resources per type (most first) by new, updated, unchanged and in all, with a total line. */
function outcomeTable(t: ImportTotals): string[] {
  const rows = Object.entries(t.byType)
    .map(([type, c]) => ({ type, ...c, total: c.new + c.updated + c.unchanged }))
    .sort((a, b) => b.total - a.total || a.type.localeCompare(b.type));
  const line = (name: string, c: OutcomeCounts, total: number) => [
    name,
    ...[c.new, c.updated, c.unchanged, total].map((n) => number.format(n)),
  ];
  const cells = [
    ['Resource type', 'New', 'Updated', 'Unchanged', 'Total'],
    ...rows.map((r) => line(r.type, r, r.total)),
    line('All types', t.all, t.resources),
  ];
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  return cells.map((row) => row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
}
