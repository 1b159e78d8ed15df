import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './test-app.ts';

/** The sample bundles shipped with the repo: shared/data/synthea with fictional organisations (see scripts/). */
export const demoDir = path.join(repoRoot, 'demo/synthea');

export interface SampleBundle {
  file: string;
  name: string;
  json: {
    resourceType: string;
    type: string;
    entry: { fullUrl?: string; resource: { resourceType: string; id: string; [k: string]: unknown } }[];
  };
}

export function sampleBundles(): SampleBundle[] {
  return readdirSync(demoDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((name) => ({
      name,
      file: path.join(demoDir, name),
      json: JSON.parse(readFileSync(path.join(demoDir, name), 'utf8')),
    }));
}

export function sampleBundle(prefix: string): SampleBundle {
  const b = sampleBundles().find((s) => s.name.startsWith(prefix));
  if (!b) throw new Error(`no sample bundle starting with ${prefix}`);
  return b;
}

/** Distinct resources by type over several bundles (shared Organizations/Practitioners count once). */
export function distinctCountsByType(bundles: SampleBundle[]): Record<string, number> {
  const keys = new Set<string>();
  for (const b of bundles) for (const e of b.json.entry) keys.add(`${e.resource.resourceType}/${e.resource.id}`);
  const out: Record<string, number> = {};
  for (const k of keys) {
    const t = k.split('/')[0]!;
    out[t] = (out[t] ?? 0) + 1;
  }
  return out;
}
