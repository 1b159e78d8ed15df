import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/test-app.ts';

/** Every .ts/.tsx file under a directory, except tests. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** The relative modules a file imports at run time (`import type` is erased and cannot make a cycle). */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8').replace(
    /import\s+(type\s+)?\{[^}]*\}/g,
    (_, t?: string) => `import ${t ?? ''}X`,
  );
  const out: string[] = [];
  for (const m of text.matchAll(/^import\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"](\.[^'"]+)['"]/gm))
    if (!m[1]) out.push(path.resolve(path.dirname(file), m[2]!));
  return out;
}

/** Strongly connected components of more than one module (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      for (let w = stack.pop()!; ; w = stack.pop()!) {
        onStack.delete(w);
        component.push(path.relative(repoRoot, w));
        if (w === v) break;
      }
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('module structure', () => {
  it('has no import cycles among the modules that run (server, shared and web)', () => {
    const files = sources(path.join(repoRoot, 'src'));
    const graph = new Map(files.map((f) => [f, runtimeImports(f)]));
    expect(graph.size).toBeGreaterThan(200);
    expect(cycles(graph)).toEqual([]);
  });

  it('keeps migrations frozen: they import nothing from the application (only their own neighbours)', () => {
    const dir = path.join(repoRoot, 'src/server/db/migrations');
    for (const file of sources(dir))
      for (const target of runtimeImports(file)) expect(path.dirname(target), path.relative(repoRoot, file)).toBe(dir);
  });

  it('keeps routes thin: no module route touches the database, a repository, the audit log or the outbox', () => {
    const routes = sources(path.join(repoRoot, 'src/server/modules')).filter((f) => f.endsWith('.routes.ts'));
    expect(routes.length).toBeGreaterThanOrEqual(9);
    for (const file of routes) {
      const text = readFileSync(file, 'utf8');
      for (const forbidden of [
        /\.transaction\(/,
        /\bRepository\b/,
        /\.repo\./,
        /ctx\.db\b/,
        /ctx\.audit\b/,
        /ctx\.outbox\b/,
      ])
        expect(forbidden.test(text), `${path.relative(repoRoot, file)} matches ${forbidden}`).toBe(false);
    }
  });

  it('finds a cycle when there is one (the check can fail)', () => {
    const a = path.join(repoRoot, 'a.ts');
    const b = path.join(repoRoot, 'b.ts');
    expect(
      cycles(
        new Map([
          [a, [b]],
          [b, [a]],
        ]),
      ),
    ).toEqual([['a.ts', 'b.ts']]);
  });
});
