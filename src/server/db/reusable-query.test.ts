import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-db.ts';
import { reusableQuery } from './reusable-query.ts';

describe('a query compiled once', () => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase();
    const rows = ['a', 'b', 'c', 'd'].map((id, i) => ({
      resource_type: 'Observation',
      id,
      patient_id: i < 3 ? 'p1' : 'p2',
      effective_date: `2026-0${i + 1}-01`,
      status: 'final',
      category: null,
      code_system: null,
      code: null,
      security_labels: null,
      search_text: null,
      content: JSON.stringify({ resourceType: 'Observation', id }),
      source: 'test',
      updated_at: '2026-12-01T00:00:00.000Z',
    }));
    await tdb.db.kysely.insertInto('fhir_resource').values(rows).execute();
  });
  afterAll(async () => tdb.destroy());

  const newest = reusableQuery((db, patientId: string, limit: number) =>
    db
      .selectFrom('fhir_resource')
      .select('id')
      .where('patient_id', '=', patientId)
      .where('resource_type', '=', 'Observation')
      .orderBy('effective_date', 'desc')
      .limit(limit),
  );

  it('answers each call with its own arguments, as the query built anew would', async () => {
    expect((await newest(tdb.db.kysely, 'p1', 2)).map((r) => r.id)).toEqual(['c', 'b']);
    expect((await newest(tdb.db.kysely, 'p2', 5)).map((r) => r.id)).toEqual(['d']);
    expect(await newest(tdb.db.kysely, 'nobody', 5)).toEqual([]);
    const direct = await tdb.db.kysely
      .selectFrom('fhir_resource')
      .select('id')
      .where('patient_id', '=', 'p1')
      .where('resource_type', '=', 'Observation')
      .orderBy('effective_date', 'desc')
      .limit(3)
      .execute();
    expect(await newest(tdb.db.kysely, 'p1', 3)).toEqual(direct);
  });

  it('runs inside a transaction and sees its uncommitted rows', async () => {
    await tdb.db.kysely
      .transaction()
      .execute(async (trx) => {
        await trx.updateTable('fhir_resource').set({ effective_date: '2027-01-01' }).where('id', '=', 'a').execute();
        expect((await newest(trx, 'p1', 1)).map((r) => r.id)).toEqual(['a']);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect((await newest(tdb.db.kysely, 'p1', 1)).map((r) => r.id)).toEqual(['c']);
  });

  it('refuses an argument the builder used in its own logic instead of as a parameter', async () => {
    // Compiled once, the branch taken for the first call would silently serve every later one.
    const branching = reusableQuery((db, many: number) =>
      db
        .selectFrom('fhir_resource')
        .select('id')
        .limit(many > 1 ? 10 : 1),
    );
    await expect(branching(tdb.db.kysely, 5)).rejects.toThrow(/argument 0 is not a parameter/);
  });
});
