/**
 * What durability costs on the embedded database: acknowledged writes per second of a patient-data change shaped
 * like a real one (a message thread, its first message and the audit event, in one transaction), with SQLite's
 * `synchronous = NORMAL` (survives a process crash, not a power cut) and `FULL` (what Lantern runs: survives both),
 * sequentially and with concurrent writers. Also how long an attachment write takes with and without fsync.
 *
 *   npx tsx bench/durability.ts --writes 2000
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { open, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { ulid } from 'ulid';
import { openDatabase } from '../src/server/db/connection.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';

const { values } = parseArgs({ options: { writes: { type: 'string', default: '2000' } } });
const writes = Number(values.writes);

async function writesPerSecond(mode: 'NORMAL' | 'FULL', concurrency: number): Promise<number> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lantern-durability-'));
  const db = openDatabase({ engine: 'sqlite', file: path.join(dir, 'lantern.sqlite') });
  try {
    await migrateToLatest(db);
    await sql.raw(`PRAGMA synchronous = ${mode}`).execute(db.kysely);
    const now = new Date().toISOString();
    const one = (i: number) =>
      db.kysely.transaction().execute(async (trx) => {
        const id = ulid();
        await trx
          .insertInto('message_thread')
          .values({
            id,
            patient_id: 'p',
            kind: 'customer_service',
            topic: 'billing_question',
            subject: `Question ${i}`,
            counterpart: 'Billing',
            practitioner_id: null,
            pool: 'billing',
            details: null,
            about_type: null,
            about_id: null,
            status: 'open',
            work_item_id: null,
            outcome: null,
            created_by: 'a',
            created_at: now,
            last_message_at: now,
            last_author_kind: 'patient',
          })
          .execute();
        await trx
          .insertInto('message')
          .values({
            id: ulid(),
            thread_id: id,
            author_kind: 'patient',
            author_account_id: 'a',
            author_name: 'A',
            author_role: null,
            body: 'Why was I charged twice?',
            idempotency_key: null,
            created_at: now,
          })
          .execute();
        await trx
          .insertInto('audit_event')
          .values({
            id: ulid(),
            occurred_at: now,
            actor_type: 'patient',
            actor_id: 'a',
            actor_role: null,
            patient_id: 'p',
            action: 'message.thread.create',
            subject_type: 'message_thread',
            subject_id: id,
            outcome: 'success',
            ip: null,
            user_agent: null,
            detail: null,
          })
          .execute();
      });
    const start = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < writes) await one(next++);
      }),
    );
    return writes / ((performance.now() - start) / 1000);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function attachmentMs(fsync: boolean, count = 200): Promise<number> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lantern-files-'));
  const bytes = Buffer.alloc(256 * 1024, 7);
  try {
    const start = performance.now();
    for (let i = 0; i < count; i++) {
      const file = path.join(dir, `f${i}`);
      if (!fsync) await writeFile(file, bytes);
      else {
        const h = await open(file, 'wx');
        await h.writeFile(bytes);
        await h.sync();
        await h.close();
        const d = await open(dir, 'r');
        await d.sync();
        await d.close();
      }
    }
    return (performance.now() - start) / count;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`SQLite, ${writes} acknowledged writes (thread + message + audit event, one transaction each)`);
console.log('synchronous   writers   writes/s');
for (const concurrency of [1, 8])
  for (const mode of ['NORMAL', 'FULL'] as const)
    console.log(
      `${mode.padEnd(13)} ${String(concurrency).padEnd(9)} ${(await writesPerSecond(mode, concurrency)).toFixed(0)}`,
    );
console.log('\nAttachment write (256 KB), mean of 200');
console.log(`without fsync  ${(await attachmentMs(false)).toFixed(2)} ms`);
console.log(`with fsync     ${(await attachmentMs(true)).toFixed(2)} ms (file and directory)`);
