import type { Command } from 'commander';
import type { StaffRole } from '../../db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { currentTotp } from './credentials.ts';
import { DEMO_TOTP_SECRET } from './demo-accounts.ts';
import { ONE_TIME_PASSWORD_HOURS, type StaffAccountControlsService } from './staff-account-controls.service.ts';
import { STAFF_ROLES } from './staff-accounts.service.ts';
import type { OpenApp } from '../../services.ts';

/** `lantern staff add|list|reset-password|reset-two-step|disable|enable` and `lantern demo-code`. */
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

  registerAccountControls(staff, openContext);

  program
    .command('demo-code')
    .description('print the current 2-step code of the demo staff accounts (demo key only)')
    .action(() => {
      console.log(currentTotp(DEMO_TOTP_SECRET, new Date()));
    });
}

const cli = { type: 'system', id: null, role: 'cli' } as const;

/**
 * The admin page's account controls from the command line (the way in when no administrator can sign in, e.g. the
 * only admin lost their authenticator). The last-admin rule holds here too.
 */
function registerAccountControls(staff: Command, openContext: OpenApp): void {
  const controls: [string, string, (c: StaffAccountControlsService, id: string) => Promise<string[]>][] = [
    [
      'reset-password',
      `give a one-time password (shown once, works for ${ONE_TIME_PASSWORD_HOURS} hours; they choose their own at sign-in); ends their sessions`,
      async (c, id) => {
        const reset = await c.resetPassword(cli, id);
        return [
          `One-time password (shown once): ${reset.oneTimePassword}`,
          `It works until ${reset.expiresAt}; at sign-in they must choose their own password before anything else.`,
        ];
      },
    ],
    [
      'reset-two-step',
      'remove their authenticator and recovery codes (they set up a new one at next sign-in); ends their sessions',
      async (c, id) => {
        await c.resetTwoStep(cli, id);
        return ['2-step verification reset: they set up an authenticator again at their next sign-in.'];
      },
    ],
    [
      'disable',
      'stop the account from signing in and end its sessions now',
      async (c, id) => {
        await c.disable(cli, id);
        return ['Account disabled: it cannot sign in, and its sessions have ended.'];
      },
    ],
    [
      'enable',
      'let a disabled account sign in again',
      async (c, id) => {
        await c.enable(cli, id);
        return ['Account enabled: it can sign in again.'];
      },
    ],
  ];
  for (const [name, description, act] of controls) {
    staff
      .command(name)
      .description(description)
      .requiredOption('--username <username>', 'their sign-in name')
      .action(async (opts: { username: string }) => {
        const { services, close } = await openContext();
        try {
          const c = services.staffAccountControls;
          for (const line of await act(c, await c.accountIdOf(opts.username))) console.log(line);
        } catch (err) {
          if (err instanceof AppError) {
            console.error(err.message);
            process.exitCode = 2;
            return;
          }
          throw err;
        } finally {
          await close();
        }
      });
  }
}
