import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type {
  Database,
  DepartmentTable,
  ScheduleBlockTable,
  ScheduleExceptionTable,
  ScheduleProviderTable,
  VisitTypeTable,
} from '../../db/schema.ts';

export type Handle = Kysely<Database> | Transaction<Database>;
export type DepartmentRow = Selectable<DepartmentTable>;
export type VisitTypeRow = Selectable<VisitTypeTable>;
export type ProviderRow = Selectable<ScheduleProviderTable>;
export type BlockRow = Selectable<ScheduleBlockTable>;
export type ExceptionRow = Selectable<ScheduleExceptionTable>;

/**
 * What an administrator defines for scheduling: departments, visit types, providers and their weekly hours with
 * exceptions, and the provider time already taken. No patient data lives here.
 */
export class ScheduleRepository {
  async providers(db: Handle, options: { activeOnly?: boolean } = {}): Promise<ProviderRow[]> {
    let q = db.selectFrom('schedule_provider').selectAll().orderBy('display_name').orderBy('practitioner_id');
    if (options.activeOnly) q = q.where('active', '=', 1);
    return q.execute();
  }

  async provider(db: Handle, practitionerId: string): Promise<ProviderRow | undefined> {
    return db
      .selectFrom('schedule_provider')
      .selectAll()
      .where('practitioner_id', '=', practitionerId)
      .executeTakeFirst();
  }

  async departments(db: Handle): Promise<DepartmentRow[]> {
    return db.selectFrom('department').selectAll().orderBy('name').execute();
  }

  async visitTypes(db: Handle): Promise<VisitTypeRow[]> {
    return db.selectFrom('visit_type').selectAll().orderBy('name').execute();
  }

  async blocks(db: Handle, practitionerId: string): Promise<BlockRow[]> {
    return db.selectFrom('schedule_block').selectAll().where('practitioner_id', '=', practitionerId).execute();
  }

  async exceptions(db: Handle, practitionerId: string, from: string, to: string): Promise<ExceptionRow[]> {
    return db
      .selectFrom('schedule_exception')
      .selectAll()
      .where('practitioner_id', '=', practitionerId)
      .where('date', '>=', from)
      .where('date', '<=', to)
      .execute();
  }

  /** Units of the provider's time taken (by appointments or offers' holds) between two instants. */
  async takenUnits(db: Handle, practitionerId: string, from: string, to: string): Promise<Set<string>> {
    const rows = await db
      .selectFrom('provider_time')
      .select('unit_start')
      .where('practitioner_id', '=', practitionerId)
      .where('unit_start', '>=', from)
      .where('unit_start', '<', to)
      .execute();
    return new Set(rows.map((r) => r.unit_start));
  }

  /** A provider's booked appointments between two instants (the staff day view; several patients). */
  async dayOf(db: Handle, practitionerId: string, from: string, to: string) {
    return db
      .selectFrom('appointment')
      .selectAll()
      .where('practitioner_id', '=', practitionerId)
      .where('status', '=', 'booked')
      .where('starts_at', '>=', from)
      .where('starts_at', '<', to)
      .orderBy('starts_at')
      .execute();
  }

  // ----- administration (and the demo's seed)

  async upsertDepartment(db: Handle, row: Insertable<DepartmentTable>): Promise<void> {
    const { id: _id, created_at: _created, ...rest } = row;
    await db
      .insertInto('department')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet(rest))
      .execute();
  }

  async upsertVisitType(db: Handle, row: Insertable<VisitTypeTable>): Promise<void> {
    const { id: _id, ...rest } = row;
    await db
      .insertInto('visit_type')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet(rest))
      .execute();
  }

  async upsertProvider(db: Handle, row: Insertable<ScheduleProviderTable>): Promise<void> {
    const { practitioner_id: _id, ...rest } = row;
    await db
      .insertInto('schedule_provider')
      .values(row)
      .onConflict((oc) => oc.column('practitioner_id').doUpdateSet(rest))
      .execute();
  }

  /** Replaces a provider's weekly hours. */
  async replaceBlocks(trx: Handle, practitionerId: string, rows: Insertable<ScheduleBlockTable>[]): Promise<void> {
    await trx.deleteFrom('schedule_block').where('practitioner_id', '=', practitionerId).execute();
    if (rows.length) await trx.insertInto('schedule_block').values(rows).execute();
  }

  async addException(db: Handle, row: Insertable<ScheduleExceptionTable>): Promise<void> {
    await db.insertInto('schedule_exception').values(row).execute();
  }

  async hasAnySchedule(db: Handle): Promise<boolean> {
    return !!(await db.selectFrom('schedule_provider').select('practitioner_id').limit(1).executeTakeFirst());
  }
}
