import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/helpers/test-db.ts';
import { ManualClock } from '../clock.ts';
import { AuditLog } from './audit.ts';

describe('audit log', () => {
  let tdb: TestDatabase;
  let audit: AuditLog;
  const clock = new ManualClock('2026-11-24T15:00:00.000Z');
  beforeAll(async () => {
    tdb = await createTestDatabase();
    audit = new AuditLog(tdb.db.kysely, clock);
  });
  afterAll(async () => tdb.destroy());

  it('records who acted, for whom, what, when and from where', async () => {
    await audit.record({
      actor: { type: 'proxy', id: 'acct-parent', role: 'proxy-full' },
      patientId: 'patient-child',
      action: 'record.medications.read',
      subject: { type: 'MedicationRequest', id: 'm1' },
      origin: { ip: '127.0.0.1', userAgent: 'Vitest' },
    });
    const [event] = await audit.forPatient('patient-child');
    expect(event).toMatchObject({
      occurredAt: '2026-11-24T15:00:00.000Z',
      actorType: 'proxy',
      actorId: 'acct-parent',
      actorRole: 'proxy-full',
      patientId: 'patient-child',
      action: 'record.medications.read',
      subjectType: 'MedicationRequest',
      subjectId: 'm1',
      outcome: 'success',
      ip: '127.0.0.1',
      userAgent: 'Vitest',
    });
  });

  it('commits and rolls back with the change it records', async () => {
    await expect(
      tdb.db.kysely.transaction().execute(async (trx) => {
        await audit.record(
          { actor: { type: 'system', id: null }, patientId: 'p-rollback', action: 'account.contact.changed' },
          trx,
        );
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await audit.forPatient('p-rollback')).toEqual([]);
  });

  it('is append-only: the database refuses updates and deletes', async () => {
    await audit.record({ actor: { type: 'system', id: null }, patientId: 'p-immutable', action: 'record.home.read' });
    await expect(sql`UPDATE audit_event SET action = 'tampered'`.execute(tdb.db.kysely)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_event`.execute(tdb.db.kysely)).rejects.toThrow(/append-only/);
    expect(await audit.forPatient('p-immutable')).toHaveLength(1);
  });

  it('filters a patient log by date, newest first', async () => {
    for (const day of ['2026-11-01', '2026-11-10', '2026-11-20']) {
      clock.set(`${day}T12:00:00.000Z`);
      await audit.record({ actor: { type: 'patient', id: 'a' }, patientId: 'p-dates', action: 'record.read' });
    }
    const within = await audit.forPatient('p-dates', { from: '2026-11-05', to: '2026-11-21' });
    expect(within.map((e) => e.occurredAt.slice(0, 10))).toEqual(['2026-11-20', '2026-11-10']);
  });

  it('commits reads that arrive together in one statement, each settled only once it is on disk', async () => {
    let inserts = 0;
    const counting = new AuditLog(
      tdb.db.kysely.withPlugin({
        transformQuery: (args) => {
          if (args.node.kind === 'InsertQueryNode') inserts++;
          return args.node;
        },
        transformResult: async (args) => args.result,
      }),
      clock,
    );
    const reads = Array.from({ length: 40 }, (_, i) =>
      counting.recordCommitted({
        actor: { type: 'patient', id: `a${i}` },
        patientId: 'p-group',
        action: 'record.home.read',
      }),
    );
    const ids = await Promise.all(reads);
    expect(new Set(ids).size).toBe(40);
    expect(inserts).toBe(1);
    expect(await audit.forPatient('p-group')).toHaveLength(40);
    // Later reads form a group of their own.
    await counting.recordCommitted({
      actor: { type: 'patient', id: 'later' },
      patientId: 'p-group',
      action: 'record.home.read',
    });
    expect(inserts).toBe(2);
  });

  it('fails every read of a group whose write failed, and keeps none of it', async () => {
    const failing = new AuditLog(
      tdb.db.kysely.withPlugin({
        transformQuery: () => {
          throw new Error('database unavailable');
        },
        transformResult: async (args) => args.result,
      }),
      clock,
    );
    const reads = ['a', 'b', 'c'].map((id) =>
      failing.recordCommitted({ actor: { type: 'patient', id }, patientId: 'p-failed', action: 'record.home.read' }),
    );
    const settled = await Promise.allSettled(reads);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(await audit.forPatient('p-failed')).toEqual([]);
  });
});
