import type { Command } from 'commander';
import { hasNoPatients, printSummary, seedDemo, terminalProgress, type OpenContext } from './modules/fhir/fhir.cli.ts';
import { demoAccountLines, ensureDemoAccounts } from './modules/identity/demo-accounts.ts';
import type { AppContext } from './platform/context.ts';

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
}

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
