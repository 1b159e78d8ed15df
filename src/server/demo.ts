import type { Command } from 'commander';
import { hasNoPatients, printSummary, seedDemo, terminalProgress, type OpenContext } from './modules/fhir/fhir.cli.ts';
import { demoAccountLines, ensureDemoAccounts } from './modules/identity/demo-accounts.ts';
import type { AppContext } from './platform/context.ts';
import { AccountDirectory } from './modules/identity/account-directory.ts';
import { identityDeps } from './modules/identity/identity.deps.ts';

/**
 * The demo organisation: the sample patients with dates moved to now, and the demo sign-ins. `force` imports the
 * samples again (updating them); otherwise only an empty database is seeded.
 */
export async function prepareDemo(ctx: AppContext, options: { force: boolean }): Promise<void> {
  if (options.force || (await hasNoPatients(ctx))) {
    console.log('Loading the demo organisation and sample patients…');
    printSummary(await seedDemo(ctx, terminalProgress()));
  }
  const created = await ensureDemoAccounts(ctx);
  if (created.length) console.log(`Created demo accounts: ${created.join(', ')}`);
  await ensureDemoProxy(ctx);
}

/** The demo parent (elsa) has proxy access to a minor (Erminia Ondricka), as approved staff would have given it. */
async function ensureDemoProxy(ctx: AppContext): Promise<void> {
  const parent = await new AccountDirectory(identityDeps(ctx)).patientAccountByUsername('elsa');
  if (!parent || !(await ctx.access.grants.patientExists(DEMO_CHILD_ID))) return;
  if (await ctx.access.grants.activeGrant(parent.id, DEMO_CHILD_ID)) return;
  if (!(await ctx.access.isMinorToday(DEMO_CHILD_ID))) return; // already 18 on this demo's dates
  const grant = { patientId: DEMO_CHILD_ID, granteeAccountId: parent.id, kind: 'minor' as const, level: 'full' as const, relationship: 'parent', grantedBy: 'seed-demo' };
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
        await prepareDemo(ctx, { force: true });
        console.log(demoAccountLines(ctx.clock.now()).join('\n'));
      } finally {
        await close();
      }
    });
}
