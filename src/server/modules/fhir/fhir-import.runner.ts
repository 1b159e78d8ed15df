import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseBundleBytes } from './fhir-bundle-bytes.ts';
import { BundleError, prepareBundle } from './fhir-bundle.ts';
import { effectiveDateOf } from './fhir-index.ts';
import {
  noOutcomes,
  type FhirImportService,
  type ImportedBundle,
  type OutcomeCounts,
  type StoreOutcome,
} from './fhir-import.service.ts';
import { shiftToNow, type TimeShift } from './time-shift.ts';

/** The outcome of importing a set of files: what was stored, what was refused and why, how long it took. */
export interface ImportReport {
  imported: ImportedBundle[];
  failed: { source: string; message: string }[];
  shift: TimeShift | null;
  seconds: number;
}

export interface ImportProgress {
  start(totalBytes: number, files: number): void;
  /** One more file done; `resources` is the distinct resources imported so far in this run (not entries read). */
  advance(bytes: number, result: { source: string; resources: number; ok: boolean }): void;
  stop(): void;
}

/** Expands files and folders (recursively) into the .json files to import, in a stable order. */
export async function findBundleFiles(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const s = await stat(p).catch(() => {
      throw new Error(`${p}: no such file or folder`);
    });
    if (s.isDirectory()) {
      const names = (await readdir(p)).sort();
      out.push(
        ...(await findBundleFiles(
          names
            .filter((n) => !n.startsWith('.'))
            .map((n) => path.join(p, n))
            .filter((f) => f.endsWith('.json') || !path.extname(f)),
        )),
      );
    } else {
      out.push(p);
    }
  }
  return out;
}

/** Reads a file as a bundle; unreadable, non-UTF-8 or non-JSON files become a BundleError naming the file. */
async function readBundle(file: string): Promise<unknown> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    throw new BundleError(file, null, `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return parseBundleBytes(file, bytes);
}

/** The offset that lands the newest clinical event of all the files on today (one offset for the whole import). */
export async function shiftForFiles(files: string[], today: Date): Promise<TimeShift | null> {
  let newest: string | null = null;
  for (const file of files) {
    let resources;
    try {
      resources = prepareBundle(file, await readBundle(file));
    } catch {
      continue; // refused later, with its message, by the import itself
    }
    for (const { resource } of resources) {
      if (resource.resourceType === 'Patient') continue;
      const d = effectiveDateOf(resource);
      if (d && (newest === null || d > newest)) newest = d;
    }
  }
  return newest ? shiftToNow(newest, today) : null;
}

/** Imports each file in its own transaction; a refused file does not stop the others. */
export async function importFiles(
  service: FhirImportService,
  paths: string[],
  options: { shiftToNow?: boolean; today?: Date; progress?: ImportProgress } = {},
): Promise<ImportReport> {
  const started = performance.now();
  const files = await findBundleFiles(paths);
  const shift = options.shiftToNow ? await shiftForFiles(files, options.today ?? new Date()) : null;
  const sizes = await Promise.all(files.map(async (f) => (await stat(f)).size));
  options.progress?.start(
    sizes.reduce((a, b) => a + b, 0),
    files.length,
  );
  const report: ImportReport = { imported: [], failed: [], shift, seconds: 0 };
  const seen = new Set<string>();
  for (const [i, file] of files.entries()) {
    try {
      const result = await service.importBundle(file, await readBundle(file), shift ? { shift } : {});
      report.imported.push(result);
      for (const key of result.changes.keys()) seen.add(key);
      options.progress?.advance(sizes[i]!, { source: file, resources: seen.size, ok: true });
    } catch (err) {
      report.failed.push({
        source: file,
        message: err instanceof BundleError ? err.message : `${file}: ${(err as Error).message}`,
      });
      options.progress?.advance(sizes[i]!, { source: file, resources: seen.size, ok: false });
    }
  }
  options.progress?.stop();
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

/** What a run stored: distinct patients and resources, per type and in all, new, updated and unchanged. */
export interface ImportTotals {
  patients: number;
  resources: number;
  all: OutcomeCounts;
  byType: Record<string, OutcomeCounts>;
}

/**
 * Totals over an import report, counting distinct resources (a Practitioner in ten bundles is one Practitioner), so
 * they match what the store holds from this run. A resource met in several bundles is judged by the run as a whole:
 * new if it was not stored before the run, unchanged if the run ends with the content it started with (bundles that
 * carry different copies of a shared Organization rewrite it on the way), updated otherwise.
 */
export function totals(report: ImportReport): ImportTotals {
  const span = new Map<string, { before: string | null; after: string | null }>();
  for (const b of report.imported) {
    for (const [key, change] of b.changes) {
      const first = span.get(key);
      span.set(key, { before: first ? first.before : change.before, after: change.after });
    }
  }
  const merged = new Map<string, StoreOutcome>(
    [...span].map(([key, s]) => [key, s.before === null ? 'new' : s.before === s.after ? 'unchanged' : 'updated']),
  );
  const all = noOutcomes();
  const byType: Record<string, OutcomeCounts> = {};
  for (const [key, outcome] of merged) {
    (byType[key.slice(0, key.indexOf('/'))] ??= noOutcomes())[outcome] += 1;
    all[outcome] += 1;
  }
  return {
    patients: new Set(report.imported.flatMap((b) => b.patientIds)).size,
    resources: merged.size,
    all,
    byType,
  };
}
