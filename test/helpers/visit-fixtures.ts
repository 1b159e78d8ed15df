import { randomUUID } from 'node:crypto';
import { createServices, fhirImporter } from '../../src/server/services.ts';
import type { AppContext } from '../../src/server/platform/context.ts';
import type { ProviderSchedule } from '../../src/server/modules/visits/schedule.service.ts';

/** A provider the patient has seen in the sample data, with that visit's organisation. */
export async function providerOf(
  ctx: AppContext,
  patientId: string,
): Promise<{ practitionerId: string; organisationId: string; name: string }> {
  const [member] = await createServices(ctx).fhir.careTeamOf(patientId, 1);
  if (!member?.organisationId) throw new Error('the sample patient has no clinician with an organisation');
  return { practitionerId: member.practitionerId, organisationId: member.organisationId, name: member.name };
}

/**
 * A provider's schedule for tests: an office visit (30 minutes, self-schedulable, $120 self-pay), a follow-up
 * (15 minutes) and a staff-only procedure, Monday to Friday 9:00–12:00 in the organisation's time zone, from a date.
 */
export async function defineSchedule(
  ctx: AppContext,
  provider: { practitionerId: string; organisationId: string; name: string },
  overrides: Partial<ProviderSchedule> = {},
): Promise<ProviderSchedule> {
  const spec: ProviderSchedule = {
    department: {
      id: `dept-${provider.organisationId.slice(0, 8)}`,
      organisationId: provider.organisationId,
      name: 'Family Medicine',
      phone: '(555) 555-0160',
      address: '12 Example Street',
      instructions: 'Check in at the front desk on the first floor.',
    },
    visitTypes: [
      {
        id: 'office-visit',
        name: 'Office visit',
        minutes: 30,
        mode: 'in_person',
        selfSchedulable: true,
        priceCents: 12000,
      },
      { id: 'follow-up', name: 'Follow-up visit', minutes: 15, mode: 'in_person', selfSchedulable: true },
      { id: 'procedure', name: 'Procedure', minutes: 60, mode: 'in_person', selfSchedulable: false },
    ],
    provider: { practitionerId: provider.practitionerId, name: provider.name },
    hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: 9 * 60, end: 12 * 60 })),
    validFrom: '2020-01-01',
    ...overrides,
  };
  await createServices(ctx).schedule.define(spec);
  return spec;
}

/** A finished visit with a provider at an instant (synthetic, imported through the real importer): the FAQ's rule counts it. */
export async function importVisit(
  ctx: AppContext,
  patientId: string,
  provider: { practitionerId: string; organisationId: string },
  at: string,
  /** meta.security codes (R: restricted, hidden from a teenager's parents). */
  security: string[] = [],
): Promise<string> {
  const id = randomUUID();
  const meta = security.length
    ? {
        security: security.map((code) => ({
          system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality',
          code,
        })),
      }
    : undefined;
  await fhirImporter(ctx).importBundle(`synthetic-visit-${id}.json`, {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      {
        resource: {
          resourceType: 'Encounter',
          id,
          ...(meta ? { meta } : {}),
          status: 'finished',
          class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
          type: [{ text: 'Encounter for check up (procedure)' }],
          subject: { reference: `Patient/${patientId}` },
          participant: [{ individual: { reference: `Practitioner/${provider.practitionerId}` } }],
          period: { start: at, end: new Date(Date.parse(at) + 30 * 60_000).toISOString() },
          serviceProvider: { reference: `Organization/${provider.organisationId}` },
        },
      },
    ],
  });
  return id;
}

/** A random idempotency key, as a form makes one. */
export const formKey = (): string => randomUUID().replace(/-/g, '');
