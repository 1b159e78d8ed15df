import type { Command } from 'commander';
import { hasNoPatients, printSummary, seedDemo, terminalProgress } from './modules/fhir/fhir.cli.ts';
import { ensureDemoSchedules } from './modules/visits/demo-schedules.ts';
import { demoAccountLines, ensureDemoAccounts } from './modules/identity/demo-accounts.ts';
import type { AppContext } from './platform/context.ts';
import { toDbTime } from './platform/clock.ts';
import { newMessageId, PATIENT_MESSAGE_TYPE } from './modules/messaging/messaging.service.ts';
import { createServices, type OpenApp, type Services } from './services.ts';
import { InstanceSettingsRepository } from './platform/instance-settings.repository.ts';

const DEMO_MARK = 'demo';

/**
 * Whether this database may hold the demo: its sign-ins have a published password and 2-step key, so they are made
 * only on a database the demo itself created (empty at its first start, then marked), with the demo organisation's
 * tenant, and never in production (NODE_ENV=production or an https:// PUBLIC_URL). Returns why not, or null.
 */
export async function demoRefusal(ctx: AppContext): Promise<string | null> {
  const { deployment } = ctx.config;
  if (deployment.production) return 'this is a production deployment (NODE_ENV=production or an https:// PUBLIC_URL)';
  if (!deployment.demoTenant) return 'LANTERN_TENANT_FILE names an organisation other than the demo one';
  const settings = new InstanceSettingsRepository(ctx.db.kysely);
  if ((await settings.get(DEMO_MARK)) === 'yes') return null;
  if (await settings.isEmpty()) return null;
  return 'this database already holds patients or accounts that the demo did not create (for a fresh demo, point LANTERN_DATA_DIR at an empty directory)';
}

/**
 * The demo organisation: the sample patients with dates moved to now, and the demo sign-ins, on a database that may
 * hold them (demoRefusal). `force` imports the samples again (updating them); otherwise only an empty database is
 * seeded. Returns false, after saying why, when the database may not hold the demo.
 */
export async function prepareDemo(
  ctx: AppContext,
  options: { force: boolean },
  services: Services = createServices(ctx),
): Promise<boolean> {
  const refusal = await demoRefusal(ctx);
  if (refusal) {
    console.log(`Not loading the demo: ${refusal}. No demo data or demo sign-ins were created.`);
    return false;
  }
  await new InstanceSettingsRepository(ctx.db.kysely).set(DEMO_MARK, 'yes');
  if (options.force || (await hasNoPatients(ctx))) {
    console.log('Loading the demo organisation and sample patients…');
    printSummary(await seedDemo(services.fhirImport, ctx.clock.now(), terminalProgress()));
  }
  const created = await ensureDemoAccounts(ctx);
  if (created.length) console.log(`Created demo accounts: ${created.join(', ')}`);
  await ensureDemoProxy(ctx, services);
  const scheduled = await ensureDemoSchedules(ctx, services.fhir, services.schedule);
  if (scheduled) console.log(`Scheduled ${scheduled} demo clinicians for the next 8 weeks.`);
  await ensureDemoConfidentialMessage(ctx, services);
  return true;
}

/** The synthetic confidential condition of the demo minor (demo/synthea/zz-synthetic-confidential-erminia.json). */
const DEMO_CONFIDENTIAL_CONDITION = '6a1f0c2e-3b7d-4e59-9a61-5c2d8e4f7b10';
const DEMO_CONFIDENTIAL_THREAD = '7d2e9a4c-5b1f-4c8e-9a3d-6e0f1b2c3d4e';

/**
 * The demo minor's own question to her care team about her confidential condition, waiting in the care team's
 * in-basket: staff see it; her parent (elsa) does not, nor any count, notification or access-log entry of it.
 */
async function ensureDemoConfidentialMessage(ctx: AppContext, services: Services): Promise<void> {
  const { fhir, messaging, queue } = services;
  if (!(await fhir.itemOf(DEMO_CHILD_ID, 'Condition', DEMO_CONFIDENTIAL_CONDITION))) return;
  const db = ctx.db.kysely;
  if (await db.selectFrom('message_thread').select('id').where('id', '=', DEMO_CONFIDENTIAL_THREAD).executeTakeFirst())
    return;
  const member = (await fhir.careTeamOf(DEMO_CHILD_ID, 1))[0];
  const patient = await fhir.getPatient(DEMO_CHILD_ID);
  const at = toDbTime(ctx.clock.now());
  await db.transaction().execute(async (trx) => {
    await messaging.repo.insertThread(trx, {
      id: DEMO_CONFIDENTIAL_THREAD,
      patient_id: DEMO_CHILD_ID,
      kind: 'medical',
      topic: null,
      subject: 'Question about my new prescription',
      counterpart: member?.name ?? 'Your care team',
      practitioner_id: member?.practitionerId ?? null,
      pool: `care_team:${member?.organisationId ?? 'general'}`,
      details: null,
      about_type: 'Condition',
      about_id: DEMO_CONFIDENTIAL_CONDITION,
      status: 'open',
      work_item_id: null,
      outcome: null,
      created_by: 'seed-demo',
      created_at: at,
      last_message_at: at,
      last_author_kind: 'patient',
    });
    await messaging.repo.insertMessage(trx, {
      id: newMessageId(),
      thread_id: DEMO_CONFIDENTIAL_THREAD,
      author_kind: 'patient',
      author_account_id: 'seed-demo',
      author_name: patient?.displayName ?? 'The patient',
      author_role: null,
      body: 'I started the new medicine last week and I feel dizzy in the mornings. Is that normal? Please answer me here, not at home.',
      idempotency_key: null,
      created_at: at,
    });
    const itemId = await queue.create(trx, {
      type: PATIENT_MESSAGE_TYPE,
      pool: `care_team:${member?.organisationId ?? 'general'}`,
      patientId: DEMO_CHILD_ID,
      details: {
        threadId: DEMO_CONFIDENTIAL_THREAD,
        kind: 'medical',
        topic: null,
        subject: 'Question about my new prescription',
        counterpart: member?.name ?? 'Your care team',
      },
      dueAt: new Date(ctx.clock.now().getTime() + 2 * 86_400_000),
    });
    await messaging.repo.updateThread(trx, DEMO_CONFIDENTIAL_THREAD, { work_item_id: itemId });
  });
}

/** The demo parent (elsa) has proxy access to a minor (Erminia Ondricka), as approved staff would have given it. */
async function ensureDemoProxy(ctx: AppContext, services: Services): Promise<void> {
  const parent = await services.directory.patientAccountByUsername('elsa');
  if (!parent || !(await ctx.access.grants.patientExists(DEMO_CHILD_ID))) return;
  if (await ctx.access.grants.activeGrant(parent.id, DEMO_CHILD_ID)) return;
  if (!(await ctx.access.isMinorToday(DEMO_CHILD_ID))) return; // already 18 on this demo's dates
  const grant = {
    patientId: DEMO_CHILD_ID,
    granteeAccountId: parent.id,
    kind: 'minor' as const,
    level: 'full' as const,
    relationship: 'parent',
    grantedBy: 'seed-demo',
  };
  await ctx.db.kysely.transaction().execute((trx) => ctx.grants.grant(trx, grant));
}

/** Erminia Ondricka in demo/synthea (a minor once the dates are shifted to now). */
const DEMO_CHILD_ID = 'cb0a84bd-b04c-458e-baa3-c9f89ca767d7';

/** `lantern seed-demo`. */
export function registerDemoCommand(program: Command, openContext: OpenApp): void {
  program
    .command('seed-demo')
    .description('load the sample patients (dates shifted to now) and create the demo sign-ins')
    .action(async () => {
      const { ctx, services, close } = await openContext();
      try {
        if (await prepareDemo(ctx, { force: true }, services))
          console.log(demoAccountLines(ctx.clock.now()).join('\n'));
        else process.exitCode = 1;
      } finally {
        await close();
      }
    });
}
