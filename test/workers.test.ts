import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseConfig } from '../src/server/config.ts';
import { signUpPatient } from './helpers/identity-factories.ts';
import { prepareServedDatabase, servedEnv, startLantern, type LanternProcess } from './helpers/lantern-process.ts';
import { createEmptyDatabase } from './helpers/test-db.ts';

/**
 * `lantern serve --workers 2`: two processes behind one port. A session opened through one worker works on the other
 * (sessions live in the database), requests are spread over both, and SIGTERM stops both gracefully. The jobs' "once
 * across processes" is tested where each job is (e.g. ending-notices.test.ts).
 */
describe('lantern serve with two workers', () => {
  let config: DatabaseConfig;
  let drop: () => Promise<void>;
  let node: LanternProcess;
  let patient: { patientId: string; username: string; password: string };

  beforeAll(async () => {
    const empty = await createEmptyDatabase();
    config = empty.config;
    drop = empty.drop;
    patient = await prepareServedDatabase(config, (app, ctx) => signUpPatient(app, ctx, 'Louis_Maggio', 'louis'));
    node = await startLantern(servedEnv(config, 'workers'), undefined, ['--workers', '2']);
  }, 120_000);

  afterAll(async () => {
    if (node && node.child.exitCode === null && node.child.signalCode === null) node.child.kill('SIGKILL');
    await node?.exited;
    await drop?.();
  });

  it('serves one session from both workers, then stops both cleanly on SIGTERM', async () => {
    expect(node.output()).toContain('2 worker processes');
    const signin = await fetch(`${node.url}/api/auth/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', connection: 'close' },
      body: JSON.stringify({ username: patient.username, password: patient.password }),
    });
    expect(signin.status).toBe(200);
    const cookie = signin.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .join('; ');
    // A new connection per request: node's cluster hands each to the next worker in turn.
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await fetch(`${node.url}/api/patients/${patient.patientId}/medications`, {
        headers: { cookie, connection: 'close' },
      });
      statuses.push(res.status);
      await res.arrayBuffer();
    }
    expect(statuses).toEqual(Array(12).fill(200));
    // Which processes answered: each worker logs its completed requests with its pid.
    const answeredBy = new Set(
      node
        .output()
        .split('\n')
        .filter((l) => l.includes('request completed') && l.includes('"statusCode":200'))
        .map((l) => (JSON.parse(l) as { pid: number }).pid),
    );
    expect(answeredBy.size).toBe(2);

    node.child.kill('SIGTERM');
    expect(await node.exited).toBe(0);
    const stopped = node.output().match(/"msg":"stopped cleanly"/g) ?? [];
    expect(stopped).toHaveLength(2); // each worker finished its requests and its outbox batch
    expect(node.output()).toContain('  stopped cleanly'); // and the primary after them
  }, 120_000);
});
