import type { Command } from 'commander';
import { hasNoPatients, printSummary, seedDemo, terminalProgress, type OpenContext } from './modules/fhir/fhir.cli.ts';
import { demoAccountLines, ensureDemoAccounts } from './modules/identity/demo-accounts.ts';
import type { AppContext } from './platform/context.ts';
import { InstanceSettingsRepository } from './platform/instance-settings.repository.ts';
import { AccountDirectory } from './modules/identity/account-directory.ts';
import { identityDeps } from './modules/identity/identity.deps.ts';

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
export async function prepareDemo(ctx: AppContext, options: { force: boolean }): Promise<boolean> {
  const refusal = await demoRefusal(ctx);
  if (refusal) {
    console.log(`Not loading the demo: ${refusal}. No demo data or demo sign-ins were created.`);
    return false;
  }
  await new InstanceSettingsRepository(ctx.db.kysely).set(DEMO_MARK, 'yes');
  if (options.force || (await hasNoPatients(ctx))) {
    console.log('Loading the demo organisation and sample patients…');
    printSummary(await seedDemo(ctx, terminalProgress()));
  }
  const created = await ensureDemoAccounts(ctx);
  if (created.length) console.log(`Created demo accounts: ${created.join(', ')}`);
  await ensureDemoProxy(ctx);
  return true;
}

/** The demo parent (elsa) has proxy access to a minor (Erminia Ondricka), as approved staff would have given it. */
async function ensureDemoProxy(ctx: AppContext): Promise<void> {
  const parent = await new AccountDirectory(identityDeps(ctx)).patientAccountByUsername('elsa');
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
export function registerDemoCommand(program: Command, openContext: OpenContext): void {
  program
    .command('seed-demo')
    .description('load the sample patients (dates shifted to now) and create the demo sign-ins')
    .action(async () => {
      const { ctx, close } = await openContext();
      try {
        if (await prepareDemo(ctx, { force: true })) console.log(demoAccountLines(ctx.clock.now()).join('\n'));
        else process.exitCode = 1;
      } finally {
        await close();
      }
    });
}
