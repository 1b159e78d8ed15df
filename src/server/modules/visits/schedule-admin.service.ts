import type { ProviderScheduleInput, ScheduleAdmin } from '../../../shared/appointments.ts';
import { providerScheduleInputSchema } from '../../../shared/appointments.ts';
import type { RequestOrigin } from '../../platform/audit/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { badInput } from '../../platform/errors.ts';
import type { Session } from '../../platform/session/sessions.ts';
import type { FhirService } from '../fhir/fhir.service.ts';
import type { ScheduleService } from './schedule.service.ts';

/**
 * Administrators define scheduling: a provider (one of the record's practitioners) at a department of a clinic, the
 * visit types they offer, weekly hours over a range of dates, and days off or extra hours. Saving replaces the
 * provider's weekly hours; exceptions are added. Slots derive from what is saved here, and the wait-list job offers
 * any earlier time new hours open.
 */
export class ScheduleAdminService {
  constructor(
    private readonly ctx: AppContext,
    private readonly schedule: ScheduleService,
    private readonly fhir: FhirService,
  ) {}

  async overview(): Promise<ScheduleAdmin> {
    const db = this.ctx.db.kysely;
    const repo = this.schedule.repo;
    const [practitioners, organisations, providers, departments, types] = await Promise.all([
      this.fhir.practitioners(),
      this.fhir.organisations(),
      repo.providers(db),
      repo.departments(db),
      repo.visitTypes(db),
    ]);
    const deptById = new Map(departments.map((d) => [d.id, d]));
    return {
      practitioners,
      organisations,
      visitTypes: types.map((t) => ({
        id: t.id,
        name: t.name,
        minutes: t.minutes,
        mode: t.mode,
        priceCents: t.price_cents,
        selfSchedulable: t.self_schedulable === 1,
      })),
      schedules: await Promise.all(
        providers.map(async (p) => {
          const d = deptById.get(p.department_id);
          const blocks = await repo.blocks(db, p.practitioner_id);
          return {
            practitionerId: p.practitioner_id,
            providerName: p.display_name,
            department: {
              id: p.department_id,
              organisationId: p.organisation_id,
              name: d?.name ?? '',
              phone: d?.phone ?? '',
              address: d?.address ?? null,
              instructions: d?.instructions ?? null,
            },
            visitTypeIds: JSON.parse(p.visit_type_ids) as string[],
            hours: blocks
              .map((b) => ({ weekday: b.weekday, start: b.start_minute, end: b.end_minute }))
              .sort((a, b) => a.weekday - b.weekday || a.start - b.start),
            validFrom: blocks[0]?.valid_from ?? null,
            validTo: blocks[0]?.valid_to ?? null,
          };
        }),
      ),
    };
  }

  async save(
    session: Session,
    practitionerId: string,
    input: ProviderScheduleInput,
    origin: RequestOrigin,
  ): Promise<ScheduleAdmin> {
    const spec = providerScheduleInputSchema.parse(input);
    if (!(await this.fhir.practitioners()).some((p) => p.id === practitionerId))
      throw badInput('practitionerId', 'Choose a practitioner from the record.');
    if (!(await this.fhir.organisations()).some((o) => o.id === spec.department.organisationId))
      throw badInput('department.organisationId', 'Choose one of the clinics.');
    if (spec.validTo && spec.validTo < spec.validFrom)
      throw badInput('validTo', 'The last day must be on or after the first.');
    for (const [i, e] of spec.exceptions.entries())
      if (e.kind === 'open' && (e.start === undefined || e.end === undefined || e.start >= e.end))
        throw badInput(`exceptions.${i}.end`, 'Extra hours need a start before their end.');
    await this.schedule.define({
      department: spec.department,
      visitTypes: spec.visitTypes,
      provider: { practitionerId, name: spec.providerName },
      hours: spec.hours,
      validFrom: spec.validFrom,
      ...(spec.validTo ? { validTo: spec.validTo } : {}),
      exceptions: spec.exceptions,
    });
    await this.ctx.audit.record({
      actor: { type: 'staff', id: session.accountId, role: session.staffRole ?? 'admin' },
      action: 'schedule.defined',
      subject: { type: 'Practitioner', id: practitionerId },
      origin,
    });
    return this.overview();
  }
}
