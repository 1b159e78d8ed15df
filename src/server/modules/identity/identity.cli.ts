import type { Command } from 'commander';
import type { StaffRole } from '../../db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { currentTotp } from './credentials.ts';
import { DEMO_TOTP_SECRET } from './demo-accounts.ts';
import { STAFF_ROLES } from './staff-accounts.service.ts';
import type { OpenApp } from '../../services.ts';

/** `lantern staff add|list` and `lantern demo-code`. */
export function registerIdentityCommands(program: Command, openContext: OpenApp): void {
  const staff = program.command('staff').description('staff accounts');
  staff
    .command('add')
    .description(
      'create a staff account; prints a one-time initial password (2-step enrolment is required at first sign-in)',
    )
    .requiredOption('--username <username>', 'sign-in name')
    .requiredOption('--name <name>', 'display name, e.g. "Dr. Dana Reyes"')
    .requiredOption('--role <role>', `one of ${STAFF_ROLES.join(', ')}`)
    .option('--email <email>', 'work email')
    .option('--org <id...>', 'organisations they work for (clinicians and nurses reach only these patients)')
    .action(async (opts: { username: string; name: string; role: string; email?: string; org?: string[] }) => {
      const { services, close } = await openContext();
      try {
        const created = await services.staffAccounts.create(
          { type: 'system', id: null, role: 'cli' },
          {
            username: opts.username,
            displayName: opts.name,
            role: opts.role as StaffRole,
            ...(opts.org ? { organisations: opts.org } : {}),
            ...(opts.email ? { email: opts.email } : {}),
          },
        );
        console.log(`Created staff account "${opts.username}" (${opts.role}).`);
        console.log(`Initial password (shown once): ${created.initialPassword}`);
        console.log('At first sign-in (/staff/sign-in) they must set up 2-step verification.');
      } catch (err) {
        if (err instanceof AppError) {
          console.error(`${err.field ? `${err.field}: ` : ''}${err.message}`);
          process.exitCode = 2;
          return;
        }
        throw err;
      } finally {
        await close();
      }
    });
  staff
    .command('list')
    .description('list staff accounts')
    .action(async () => {
      const { services, close } = await openContext();
      try {
        for (const s of await services.staffAccounts.list()) {
          console.log(
            `${s.username.padEnd(20)} ${String(s.role).padEnd(12)} ${s.twoStepEnabled ? '2-step on ' : '2-step due'} ${s.status.padEnd(8)} ${s.displayName} (${s.organisations.map((o) => o.name).join(', ') || 'no organisation'})`,
          );
        }
      } finally {
        await close();
      }
    });

  program
    .command('demo-code')
    .description('print the current 2-step code of the demo staff accounts (demo key only)')
    .action(() => {
      console.log(currentTotp(DEMO_TOTP_SECRET, new Date()));
    });
}
