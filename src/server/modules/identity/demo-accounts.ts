import { randomUUID } from 'node:crypto';
import type { StaffRole } from '../../db/schema.ts';
import type { AppContext } from '../../platform/context.ts';
import { toDbTime } from '../../platform/clock.ts';
import { currentTotp, hashPassword, normaliseUsername } from './credentials.ts';
import { identityDeps } from './identity.deps.ts';

/**
 * The demo's sign-ins (README lists them). Patients are sample patients from demo/synthea; staff have 2-step on with
 * one shared demo authenticator key, so `lantern demo-code` can print the current code. Never used outside the demo.
 */
export const DEMO_TOTP_SECRET = 'LANTERNDEMOKEYLANTERNDEMOKEY2345';

export const DEMO_PASSWORD = 'lantern demo passphrase';

interface DemoAccount {
  username: string;
  realm: 'patient' | 'staff';
  /** Patients: the sample patient's FHIR id. */
  patientId?: string;
  displayName: string;
  role?: StaffRole;
  note: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    username: 'elvina',
    realm: 'patient',
    patientId: 'bf823ea4-d765-40f8-b243-bdfdb6521408',
    displayName: 'Elvina Lemke',
    note: 'adult patient with many results, medications and hospital stays',
  },
  {
    username: 'elsa',
    realm: 'patient',
    patientId: 'dbaeb336-8fb6-44dd-9606-6ccb4114074b',
    displayName: 'Elsa Vargas',
    note: 'parent of a minor (proxy access to Erminia Ondricka)',
  },
  { username: 'clinician', realm: 'staff', role: 'clinician', displayName: 'Dr. Dana Reyes', note: 'clinician' },
  { username: 'frontdesk', realm: 'staff', role: 'front_desk', displayName: 'Sam Ortiz', note: 'front desk' },
  { username: 'admin', realm: 'staff', role: 'admin', displayName: 'Alex Admin', note: 'administrator' },
];

/** Creates the demo accounts that do not exist yet (idempotent). Returns the usernames created now. */
export async function ensureDemoAccounts(ctx: AppContext): Promise<string[]> {
  const { repo, fhir } = identityDeps(ctx);
  const created: string[] = [];
  const passwordHash = await hashPassword(DEMO_PASSWORD, ctx.config.security.passwordHashCost);
  const now = toDbTime(ctx.clock.now());
  const openedAYearAgo = toDbTime(new Date(ctx.clock.now().getTime() - 365 * 86_400_000));
  for (const a of DEMO_ACCOUNTS) {
    const username = normaliseUsername(a.username);
    if (await repo.findAccountByUsername(ctx.db.kysely, a.realm, username)) continue;
    const patientId = a.patientId ?? null;
    if (
      patientId &&
      (!(await fhir.getPatient(patientId)) || (await repo.findAccountByPatient(ctx.db.kysely, patientId)))
    )
      continue;
    await ctx.db.kysely.transaction().execute(async (trx) => {
      const id = randomUUID();
      await repo.insertAccount(trx, {
        id,
        realm: a.realm,
        username,
        username_display: a.username,
        password_hash: passwordHash,
        patient_id: patientId,
        display_name: a.displayName,
        staff_role: a.role ?? null,
        status: 'active',
        password_changed_at: now,
        // The demo's patients opened their accounts a year ago: their recent visits count for self-scheduling.
        created_at: a.realm === 'patient' ? openedAYearAgo : now,
        ...(a.realm === 'staff' ? { totp_secret: DEMO_TOTP_SECRET, totp_enabled_at: now } : {}),
      });
      await ctx.audit.record(
        {
          actor: { type: 'system', id: null, role: 'seed-demo' },
          patientId,
          action: 'identity.account.created',
          subject: { type: 'account', id },
        },
        trx,
      );
    });
    created.push(a.username);
  }
  await ensureDemoStaffOrganisations(ctx);
  return created;
}

/**
 * The demo staff work for the demo organisations: every organisation the sample patients are seen at (set once,
 * also on a demo database from before organisations existed; an admin's later change is kept).
 */
async function ensureDemoStaffOrganisations(ctx: AppContext): Promise<void> {
  const { repo, fhir } = identityDeps(ctx);
  const organisations = (await fhir.organisations()).map((o) => o.id);
  const memberships = await repo.staffOrganisations(ctx.db.kysely);
  for (const a of DEMO_ACCOUNTS.filter((x) => x.realm === 'staff')) {
    const row = await repo.findAccountByUsername(ctx.db.kysely, 'staff', normaliseUsername(a.username));
    if (row && !memberships.has(row.id))
      await ctx.db.kysely.transaction().execute((trx) => repo.setStaffOrganisations(trx, row.id, organisations));
  }
}

/** The lines the start banner and `seed-demo` print. */
export function demoAccountLines(now: Date): string[] {
  return [
    `Demo sign-ins (password for all: "${DEMO_PASSWORD}"):`,
    ...DEMO_ACCOUNTS.map((a) => `  ${a.realm === 'staff' ? 'staff  ' : 'patient'}  ${a.username.padEnd(10)} ${a.note}`),
    `Patients sign in at /, staff at /staff/sign-in. Staff 2-step key: ${DEMO_TOTP_SECRET} (current code: ${currentTotp(DEMO_TOTP_SECRET, now)}; \`npx lantern demo-code\` prints it again).`,
  ];
}
