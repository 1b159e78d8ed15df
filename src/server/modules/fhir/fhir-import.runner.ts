import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { BundleError, prepareBundle } from './fhir-bundle.ts';
import { effectiveDateOf } from './fhir-index.ts';
import type { FhirImportService, ImportedBundle } from './fhir-import.service.ts';
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

/** Reads a file as a bundle; unreadable or non-JSON files become a BundleError naming the file. */
async function readBundle(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new BundleError(file, null, `not valid JSON (${(err as Error).message})`);
  }
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
  for (const [i, file] of files.entries()) {
    try {
      const result = await service.importBundle(file, await readBundle(file), shift ? { shift } : {});
      report.imported.push(result);
      options.progress?.advance(sizes[i]!, { source: file, resources: result.resources, ok: true });
    } catch (err) {
      report.failed.push({
        source: file,
        message: err instanceof BundleError ? err.message : `${file}: ${(err as Error).message}`,
      });
      options.progress?.advance(sizes[i]!, { source: file, resources: 0, ok: false });
    }
  }
  options.progress?.stop();
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

/** Totals over an import report: patients, resources by type. */
export function totals(report: ImportReport): { patients: number; resources: number; byType: Record<string, number> } {
  const byType: Record<string, number> = {};
  for (const b of report.imported) for (const [t, n] of Object.entries(b.byType)) byType[t] = (byType[t] ?? 0) + n;
  return {
    patients: report.imported.reduce((n, b) => n + b.patientIds.length, 0),
    resources: report.imported.reduce((n, b) => n + b.resources, 0),
    byType,
  };
}
