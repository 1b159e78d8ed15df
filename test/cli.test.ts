import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/server/db/connection.ts';
import { FhirRepository } from '../src/server/modules/fhir/fhir.repository.ts';
import { sampleBundle } from './helpers/fhir-fixtures.ts';
import { repoRoot } from './helpers/test-app.ts';
import { createEmptyDatabase } from './helpers/test-db.ts';

const run = promisify(execFile);

/** Runs `lantern …` as a user would, against this suite's own database. */
describe('lantern command line', () => {
  let env: NodeJS.ProcessEnv;
  let drop: () => Promise<void>;
  let dbConfig: Awaited<ReturnType<typeof createEmptyDatabase>>['config'];
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lantern-cli-'));

  beforeAll(async () => {
    const empty = await createEmptyDatabase();
    drop = empty.drop;
    dbConfig = empty.config;
    env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LANTERN_DATA_DIR: dbConfig.engine === 'sqlite' ? path.dirname(dbConfig.file) : dataDir,
    };
    if (dbConfig.engine === 'postgres') env.DATABASE_URL = dbConfig.url;
  });
  afterAll(async () => drop());

  const lantern = (...args: string[]) =>
    run(process.execPath, [path.join(repoRoot, 'bin/lantern.mjs'), ...args], { env, cwd: repoRoot }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it('prints help listing its commands', async () => {
    const r = await lantern('--help');
    expect(r.code).toBe(0);
    for (const cmd of ['serve', 'migrate', 'import', 'seed-demo']) expect(r.stdout).toContain(cmd);
  });

  it('migrates, then says the database is up to date', async () => {
    expect((await lantern('migrate')).stdout).toMatch(/Applied \d+ migration/);
    expect((await lantern('migrate')).stdout).toContain('Database is up to date.');
  });

  it('imports a bundle and prints what it stored: patients, distinct resources new/updated/unchanged by type, seconds', async () => {
    const file = sampleBundle('Louis_Maggio').file;
    const r = await lantern('import', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /Imported 1 bundle: 1 patient, 156 resources \(156 new, 0 updated, 0 unchanged\) in \d+\.\d+ s/,
    );
    expect(r.stdout).toMatch(/Resource type\s+New\s+Updated\s+Unchanged\s+Total/);
    expect(r.stdout).toMatch(/Observation\s+66\s+0\s+0\s+66/);
    expect(r.stdout).toMatch(/All types\s+156\s+0\s+0\s+156/);

    const again = await lantern('import', file);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/156 resources \(0 new, 0 updated, 156 unchanged\)/);
    expect(again.stdout).toMatch(/Observation\s+0\s+0\s+66\s+66/);
  }, 60_000); // two imports, each a process that loads and compiles the FHIR schema

  it('refuses a broken bundle with a message naming file and entry, exits non-zero, and stores nothing of it', async () => {
    const bundle = structuredClone(sampleBundle('Reyna_Ziemann').json);
    delete (bundle.entry[3]!.resource as { resourceType?: string }).resourceType;
    const file = path.join(dataDir, 'broken-bundle.json');
    writeFileSync(file, JSON.stringify(bundle));
    const r = await lantern('import', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('broken-bundle.json, entry 3');
    expect(r.stderr).toContain('entry[3].resource.resourceType');
    const db = openDatabase(dbConfig);
    try {
      expect(await new FhirRepository().countByType(db.kysely, bundle.entry[0]!.resource.id)).toEqual({});
    } finally {
      await db.close();
    }
  });

  it('resets, disables and enables a staff account, audited, and never disables the last enabled admin', async () => {
    expect(
      (await lantern('staff', 'add', '--username', 'ada.admin', '--name', 'Ada Admin', '--role', 'admin')).code,
    ).toBe(0);
    expect(
      (await lantern('staff', 'add', '--username', 'dana.desk', '--name', 'Dana Desk', '--role', 'front_desk')).code,
    ).toBe(0);
    const db = openDatabase(dbConfig);
    const account = (username: string) =>
      db.kysely.selectFrom('account').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
    try {
      const before = await account('dana.desk');
      const reset = await lantern('staff', 'reset-password', '--username', 'Dana.Desk');
      expect(reset.code).toBe(0);
      const oneTime = /One-time password \(shown once\): (\S+)/.exec(reset.stdout)?.[1];
      expect(oneTime).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
      const after = await account('dana.desk');
      expect(after.password_hash).not.toBe(before.password_hash);
      expect(after.password_hash).toMatch(/^\$argon2id\$/);
      expect(after.one_time_password_expires_at).not.toBeNull();

      await db.kysely
        .updateTable('account')
        .set({ totp_secret: 'JBSWY3DPEHPK3PXP', totp_enabled_at: after.created_at })
        .where('id', '=', after.id)
        .execute();
      expect((await lantern('staff', 'reset-two-step', '--username', 'dana.desk')).code).toBe(0);
      expect(await account('dana.desk')).toMatchObject({ totp_secret: null, totp_enabled_at: null });

      expect((await lantern('staff', 'disable', '--username', 'dana.desk')).code).toBe(0);
      expect((await account('dana.desk')).status).toBe('disabled');
      expect((await lantern('staff', 'list')).stdout).toMatch(/dana\.desk .* disabled/);
      expect((await lantern('staff', 'enable', '--username', 'dana.desk')).code).toBe(0);
      expect((await account('dana.desk')).status).toBe('active');

      const lastAdmin = await lantern('staff', 'disable', '--username', 'ada.admin');
      expect(lastAdmin.code).toBe(2);
      expect(lastAdmin.stderr).toContain('only enabled administrator');
      expect((await account('ada.admin')).status).toBe('active');
      const unknown = await lantern('staff', 'disable', '--username', 'nobody-here');
      expect(unknown.code).toBe(2);

      const audited = await db.kysely
        .selectFrom('audit_event')
        .select(['action', 'actor_type'])
        .where('subject_id', '=', after.id)
        .where('action', 'like', 'staff.account.%')
        .orderBy('occurred_at')
        .execute();
      expect(audited.map((e) => e.action)).toEqual([
        'staff.account.created',
        'staff.account.password_reset',
        'staff.account.two_step_reset',
        'staff.account.disabled',
        'staff.account.enabled',
      ]);
      expect(new Set(audited.map((e) => e.actor_type))).toEqual(new Set(['system']));
    } finally {
      await db.close();
    }
  }, 240_000); // nine runs of the command line, each starting Node
  it('refuses a bundle that is not valid FHIR R4 inside a resource, naming file, entry and field', async () => {
    const bundle = structuredClone(sampleBundle('Reyna_Ziemann').json);
    const index = bundle.entry.findIndex((e) => e.resource.resourceType === 'Observation' && e.resource.valueQuantity);
    const observation = bundle.entry[index]!.resource as unknown as { id: string; valueQuantity: { value: unknown } };
    observation.valueQuantity.value = 'twelve';
    const file = path.join(dataDir, 'not-fhir.json');
    writeFileSync(file, JSON.stringify(bundle));
    const r = await lantern('import', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `not-fhir.json, entry ${index} (Observation ${observation.id}): entry[${index}].resource.valueQuantity.value: must be a number`,
    );
    expect(r.stderr).toContain('1 bundle(s) refused; nothing of them was stored.');
  });

  it('answers an unknown command with help and a non-zero exit', async () => {
    const r = await lantern('frobnicate');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("unknown command 'frobnicate'");
  });
});
