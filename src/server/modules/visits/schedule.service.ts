import { randomUUID } from 'node:crypto';
import type { Department, SchedulingProvider, SlotDays, VisitType } from '../../../shared/appointments.ts';
import { addDaysToDate, dateInZone } from '../../platform/calendar.ts';
import { toDbTime } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import { badInput } from '../../platform/errors.ts';
import {
  ScheduleRepository,
  type DepartmentRow,
  type Handle,
  type ProviderRow,
  type VisitTypeRow,
} from './schedule.repository.ts';
import { isFree, onUnit, openingsOn, slotsOn, UNIT_MINUTES, type Slot } from './slots.ts';

/** What an administrator defines for one provider (and the demo seeds): department, visit types, weekly hours. */
export interface ProviderSchedule {
  department: {
    id: string;
    organisationId: string;
    name: string;
    phone: string;
    address?: string;
    instructions?: string;
  };
  visitTypes: {
    id: string;
    name: string;
    minutes: number;
    mode: 'in_person' | 'video';
    selfSchedulable: boolean;
    priceCents?: number;
    /** A FHIR Questionnaire e-check-in asks. */
    questionnaire?: object;
  }[];
  provider: { practitionerId: string; name: string };
  /** Weekly hours: weekday 0 (Sunday) … 6, local minutes after midnight. */
  hours: { weekday: number; start: number; end: number }[];
  validFrom: string;
  validTo?: string;
  /** Days or parts of days off (closed), or extra hours (open). */
  exceptions?: { date: string; kind: 'closed' | 'open'; start?: number; end?: number; reason?: string }[];
}

/** A provider with the department and visit types an appointment with them needs. */
export interface BookableProvider {
  row: ProviderRow;
  department: DepartmentRow;
  visitTypes: VisitTypeRow[];
}

/**
 * The scheduling catalogue and its open slots: providers, departments and visit types as the administrator defined
 * them, and the slots their weekly hours give, less exceptions and taken time. No patient data.
 */
export class ScheduleService {
  readonly repo = new ScheduleRepository();
  constructor(private readonly ctx: AppContext) {}

  private get timeZone(): string {
    return this.ctx.config.tenant.organisation.timeZone;
  }

  /** Defines (or redefines) a provider's schedule in one transaction: hours in 5-minute units, start before end. */
  async define(spec: ProviderSchedule): Promise<void> {
    for (const h of spec.hours)
      if (h.start % UNIT_MINUTES || h.end % UNIT_MINUTES || h.start >= h.end)
        throw badInput('hours', 'Opening hours start before they end, on 5-minute marks.');
    for (const t of spec.visitTypes)
      if (t.minutes % UNIT_MINUTES || t.minutes <= 0)
        throw badInput('visitTypes', 'Visit lengths are 5-minute multiples.');
    const now = toDbTime(this.ctx.clock.now());
    const { department: d, provider: p } = spec;
    await this.ctx.db.kysely.transaction().execute(async (trx) => {
      await this.repo.upsertDepartment(trx, {
        id: d.id,
        organisation_id: d.organisationId,
        name: d.name,
        phone: d.phone,
        address: d.address ?? null,
        instructions: d.instructions ?? null,
        created_at: now,
      });
      for (const t of spec.visitTypes)
        await this.repo.upsertVisitType(trx, {
          id: t.id,
          name: t.name,
          minutes: t.minutes,
          mode: t.mode,
          self_schedulable: t.selfSchedulable ? 1 : 0,
          price_cents: t.priceCents ?? null,
          questionnaire: t.questionnaire ? JSON.stringify(t.questionnaire) : null,
          active: 1,
        });
      await this.repo.upsertProvider(trx, {
        practitioner_id: p.practitionerId,
        organisation_id: d.organisationId,
        department_id: d.id,
        display_name: p.name,
        visit_type_ids: JSON.stringify(spec.visitTypes.map((t) => t.id)),
        active: 1,
      });
      await this.repo.replaceBlocks(
        trx,
        p.practitionerId,
        spec.hours.map((h) => ({
          id: randomUUID(),
          practitioner_id: p.practitionerId,
          weekday: h.weekday,
          start_minute: h.start,
          end_minute: h.end,
          valid_from: spec.validFrom,
          valid_to: spec.validTo ?? null,
        })),
      );
      for (const e of spec.exceptions ?? [])
        await this.repo.addException(trx, {
          id: randomUUID(),
          practitioner_id: p.practitionerId,
          date: e.date,
          kind: e.kind,
          start_minute: e.start ?? null,
          end_minute: e.end ?? null,
          reason: e.reason ?? null,
        });
    });
  }

  /** Every active provider with their department and visit types (inactive visit types left out). */
  async bookable(db: Handle = this.ctx.db.kysely): Promise<BookableProvider[]> {
    const [providers, departments, types] = await Promise.all([
      this.repo.providers(db, { activeOnly: true }),
      this.repo.departments(db),
      this.repo.visitTypes(db),
    ]);
    const deptById = new Map(departments.map((d) => [d.id, d]));
    const typeById = new Map(types.filter((t) => t.active === 1).map((t) => [t.id, t]));
    return providers.flatMap((row) => {
      const department = deptById.get(row.department_id);
      if (!department) return [];
      const ids = JSON.parse(row.visit_type_ids) as string[];
      return [{ row, department, visitTypes: ids.flatMap((id) => typeById.get(id) ?? []) }];
    });
  }

  async bookableProvider(practitionerId: string, db: Handle = this.ctx.db.kysely): Promise<BookableProvider | null> {
    return (await this.bookable(db)).find((p) => p.row.practitioner_id === practitionerId) ?? null;
  }

  /** A provider and one of their visit types, or a 400 naming the field that does not fit. */
  async providerAndType(
    practitionerId: string,
    visitTypeId: string,
    options: { selfScheduling: boolean },
    db: Handle = this.ctx.db.kysely,
  ): Promise<{ provider: BookableProvider; visitType: VisitTypeRow }> {
    const provider = await this.bookableProvider(practitionerId, db);
    if (!provider) throw badInput('practitionerId', 'Choose a provider from the list.');
    const visitType = provider.visitTypes.find((t) => t.id === visitTypeId);
    if (!visitType || (options.selfScheduling && visitType.self_schedulable !== 1))
      throw badInput('visitTypeId', 'Choose a visit type this provider offers.');
    return { provider, visitType };
  }

  /** Open slots of a visit type with a provider over `days` days from `from`, after `notBefore`. */
  async openSlots(
    provider: BookableProvider,
    visitType: VisitTypeRow,
    from: string,
    days: number,
    notBefore: Date,
    db: Handle = this.ctx.db.kysely,
  ): Promise<{ date: string; slots: Slot[] }[]> {
    const to = addDaysToDate(from, days - 1);
    const id = provider.row.practitioner_id;
    const [blocks, exceptions] = await Promise.all([this.repo.blocks(db, id), this.repo.exceptions(db, id, from, to)]);
    const out: { date: string; slots: Slot[] }[] = [];
    const all: Slot[] = [];
    for (let i = 0; i < days; i++) {
      const date = addDaysToDate(from, i);
      const slots = slotsOn(date, openingsOn(date, blocks, exceptions), visitType.minutes, this.timeZone).filter(
        (s) => s.start.getTime() >= notBefore.getTime(),
      );
      out.push({ date, slots });
      all.push(...slots);
    }
    if (!all.length) return out;
    const taken = await this.repo.takenUnits(db, id, toDbTime(all[0]!.start), toDbTime(all[all.length - 1]!.end));
    return out.map((d) => ({ date: d.date, slots: d.slots.filter((s) => isFree(s, taken)) }));
  }

  /** The patient's view: slots from a date (default today) within the booking horizon, and the next open day after. */
  async slotDays(
    provider: BookableProvider,
    visitType: VisitTypeRow,
    from: string | undefined,
    days: number,
  ): Promise<SlotDays> {
    const now = this.ctx.clock.now();
    const rules = this.ctx.config.tenant.visits;
    const today = dateInZone(now, this.timeZone);
    const lastDay = addDaysToDate(today, rules.bookingHorizonDays);
    const start = from && from > today ? from : today;
    const count = Math.max(0, Math.min(days, dayDiff(start, lastDay) + 1));
    const notBefore = new Date(now.getTime() + rules.bookingLeadMinutes * 60_000);
    const found = count ? await this.openSlots(provider, visitType, start, count, notBefore) : [];
    let nextAvailable: string | null = null;
    const after = addDaysToDate(start, count);
    if (after <= lastDay) {
      const rest = await this.openSlots(provider, visitType, after, dayDiff(after, lastDay) + 1, notBefore);
      nextAvailable = rest.find((d) => d.slots.length)?.date ?? null;
    }
    return {
      timeZone: this.timeZone,
      days: found.map((d) => ({
        date: d.date,
        slots: d.slots.map((s) => ({ start: toDbTime(s.start), end: toDbTime(s.end) })),
      })),
      nextAvailable,
    };
  }

  /**
   * The slot of a visit type starting at `start` in the provider's hours, or a 400 on `start`. Whether it is still
   * free is the database's to say (provider_time), when the booking inserts its units.
   */
  async slotAt(provider: BookableProvider, visitType: VisitTypeRow, start: Date, db: Handle): Promise<Slot> {
    if (!onUnit(start)) throw badInput('start', 'Choose one of the times offered.');
    const date = dateInZone(start, this.timeZone);
    const id = provider.row.practitioner_id;
    const [blocks, exceptions] = await Promise.all([
      this.repo.blocks(db, id),
      this.repo.exceptions(db, id, date, date),
    ]);
    const slot = slotsOn(date, openingsOn(date, blocks, exceptions), visitType.minutes, this.timeZone).find(
      (s) => s.start.getTime() === start.getTime(),
    );
    if (!slot) throw badInput('start', 'That time is not one the provider offers. Choose one of the times offered.');
    return slot;
  }
}

export function presentDepartment(d: DepartmentRow): Department {
  return { id: d.id, name: d.name, phone: d.phone, address: d.address, instructions: d.instructions };
}

export function presentVisitType(t: VisitTypeRow): VisitType {
  return { id: t.id, name: t.name, minutes: t.minutes, mode: t.mode, priceCents: t.price_cents };
}

export function presentProvider(p: BookableProvider, selfScheduling: boolean): SchedulingProvider {
  return {
    id: p.row.practitioner_id,
    name: p.row.display_name,
    department: presentDepartment(p.department),
    visitTypes: p.visitTypes.filter((t) => !selfScheduling || t.self_schedulable === 1).map(presentVisitType),
  };
}

function dayDiff(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
