import SqliteDatabase from 'better-sqlite3';
import type { CompiledQuery, Kysely, KyselyPlugin, QueryId } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../../src/server/config.ts';
import type { Database } from '../../src/server/db/schema.ts';

/** One statement the app sent, as the database received it, and the step (request) that sent it. */
export interface RecordedQuery {
  step: string;
  sql: string;
  parameters: readonly unknown[];
}

/**
 * Records every statement the app sends through a Kysely handle: attach the plugin (`kysely.withPlugin`), set `step`
 * before each request, read `queries`. Statements are compiled by the plain handle, exactly as the app's are.
 */
export class QueryRecorder {
  step = 'setup';
  /** While paused (setting up: imports, accounts), statements are not recorded. */
  paused = false;
  readonly queries: RecordedQuery[] = [];
  readonly plugin: KyselyPlugin;

  constructor(plain: Kysely<Database>) {
    const executor = plain.getExecutor();
    // Compiled when transformed, kept when a result comes back: a subquery is transformed on its own as it is built
    // into its statement, but only whole statements are executed.
    const compiled = new WeakMap<QueryId, CompiledQuery>();
    this.plugin = {
      transformQuery: (args) => {
        compiled.set(args.queryId, executor.compileQuery(args.node, args.queryId));
        return args.node;
      },
      transformResult: async (args) => {
        const q = compiled.get(args.queryId);
        compiled.delete(args.queryId);
        if (q && !this.paused) this.queries.push({ step: this.step, sql: q.sql, parameters: q.parameters });
        return args.result;
      },
    };
  }

  /** Each distinct statement (text and parameters) once, with every step that sent it. */
  distinct(): (RecordedQuery & { steps: string[] })[] {
    const byKey = new Map<string, RecordedQuery & { steps: string[] }>();
    for (const q of this.queries) {
      const key = `${q.sql}\u0000${JSON.stringify(q.parameters)}`;
      const seen = byKey.get(key);
      if (seen) {
        if (!seen.steps.includes(q.step)) seen.steps.push(q.step);
      } else byKey.set(key, { ...q, steps: [q.step] });
    }
    return [...byKey.values()];
  }
}

/** How a plan reads one table. */
export interface TableRead {
  table: string;
  /** `Seq Scan`, `Index Scan without a condition` (PostgreSQL); `SCAN …` (SQLite). */
  how: string;
  /** Whether the read goes through the whole table (or the whole of an index) rather than a lookup. */
  whole: boolean;
}

/**
 * Statements whose plan says how they read tables: transaction control is not planned, and an INSERT reads a table
 * only through a SELECT inside it (a unique key's conflict check is an index lookup by definition).
 */
const PLANNED = /^\s*(select|update|delete|with)\b|^\s*insert\b.*\bselect\b/is;

/** Reads a database with its own connection to ask for plans (EXPLAIN never runs the statement). */
export interface PlanReader {
  /** The tables the statement's plan reads and how; null when the statement is not one that is planned. */
  reads(sql: string, parameters: readonly unknown[]): Promise<TableRead[] | null>;
  close(): Promise<void>;
}

export async function openPlanReader(config: DatabaseConfig): Promise<PlanReader> {
  if (config.engine === 'postgres') {
    const client = new pg.Client({ connectionString: config.url });
    await client.connect();
    return {
      async reads(sql, parameters) {
        if (!PLANNED.test(sql)) return null;
        const r = await client.query<{ 'QUERY PLAN': [{ Plan: PgPlanNode }] }>(
          `EXPLAIN (FORMAT JSON) ${sql}`,
          parameters as unknown[],
        );
        return pgReads(r.rows[0]!['QUERY PLAN'][0].Plan);
      },
      close: () => client.end(),
    };
  }
  const sqlite = new SqliteDatabase(config.file, { readonly: true });
  return {
    async reads(sql, parameters) {
      if (!PLANNED.test(sql)) return null;
      const rows = sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(parameters as unknown[])) as {
        detail: string;
      }[];
      // SQLite names a table by its alias when it has one (`from "message_thread" as "t"` reads as `SEARCH t …`).
      const aliases = new Map([...sql.matchAll(/"(\w+)" as "(\w+)"/g)].map((m) => [m[2]!, m[1]!]));
      return rows.flatMap((r) => sqliteRead(r.detail, aliases));
    },
    close: async () => {
      sqlite.close();
    },
  };
}

interface PgPlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Plans?: PgPlanNode[];
}

/** Every table a PostgreSQL plan reads: a Seq Scan, or an index scan with no condition, reads all of it. */
function pgReads(node: PgPlanNode): TableRead[] {
  const here: TableRead[] = [];
  const table = node['Relation Name'];
  const type = node['Node Type'];
  if (table && type === 'Seq Scan') here.push({ table, how: 'Seq Scan', whole: true });
  else if (table && (type === 'Index Scan' || type === 'Index Only Scan'))
    here.push(
      node['Index Cond']
        ? { table, how: `${type} using ${node['Index Name']}`, whole: false }
        : { table, how: `${type} using ${node['Index Name']} without a condition (the whole index)`, whole: true },
    );
  else if (table) here.push({ table, how: type, whole: false }); // bitmap heap scans come with their index condition
  return [...here, ...(node.Plans ?? []).flatMap(pgReads)];
}

/**
 * SQLite's EXPLAIN QUERY PLAN lines: `SEARCH t USING INDEX i (a=?)` is a lookup; `SCAN t` reads the whole table and
 * `SCAN t USING [COVERING] INDEX i` the whole index. Subquery and temp-tree lines name no table.
 */
function sqliteRead(detail: string, aliases: Map<string, string>): TableRead[] {
  const m = /^(SCAN|SEARCH) (\w+)/.exec(detail);
  if (!m || m[2] === 'CONSTANT') return [];
  return [{ table: aliases.get(m[2]!) ?? m[2]!, how: detail, whole: m[1] === 'SCAN' }];
}
