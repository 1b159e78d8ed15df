import { createQueryId, type Compilable, type CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

type Handle = Kysely<Database> | Transaction<Database>;
type Scalar = string | number | null;

/** Stands for the i-th argument while the query is built and compiled once. */
class Slot {
  constructor(readonly index: number) {}
}

interface Prepared {
  compiled: CompiledQuery;
  /** For each parameter of the compiled query: the argument it takes, or -1 to keep the compiled value. */
  from: number[];
}

/**
 * A query on the request path, built and compiled by Kysely once per engine instead of on every call: the builder
 * runs with placeholders, and each call only puts its arguments in the compiled statement's parameters. Building
 * and compiling cost about a tenth of a simple read's CPU (bench/profile-summary.ts on the medication list).
 * Arguments must be plain values that the builder uses as parameters (not lists, not raw SQL): the first call
 * checks that each one became a parameter and throws when one did not.
 */
export function reusableQuery<Args extends Scalar[], Row>(
  build: (db: Handle, ...args: Args) => Compilable<Row>,
): (db: Handle, ...args: Args) => Promise<Row[]> {
  // Keyed by the dialect's adapter class: SQL text and placeholders differ between engines, not between handles.
  const prepared = new Map<unknown, Prepared>();
  return async (db, ...args) => {
    const engine = db.getExecutor().adapter.constructor;
    let p = prepared.get(engine);
    if (!p) {
      const slots = args.map((_, i) => new Slot(i)) as unknown as Args;
      const compiled = build(db, ...slots).compile();
      const from = compiled.parameters.map((v) => (v instanceof Slot ? v.index : -1));
      for (let i = 0; i < args.length; i++)
        if (!from.includes(i)) throw new Error(`reusableQuery: argument ${i} is not a parameter of ${compiled.sql}`);
      p = { compiled, from };
      prepared.set(engine, p);
    }
    const { compiled, from } = p;
    const parameters = from.map((i, k) => (i >= 0 ? args[i] : compiled.parameters[k]));
    const result = await db.executeQuery<Row>({ ...compiled, parameters, queryId: createQueryId() });
    return result.rows;
  };
}
