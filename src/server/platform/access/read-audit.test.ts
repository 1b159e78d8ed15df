import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { signUpPatient } from '../../../../test/helpers/identity-factories.ts';

describe('a read is audited before its answer leaves', () => {
  let t: TestApp;
  let user: Awaited<ReturnType<typeof signUpPatient>>;
  beforeAll(async () => {
    t = await startTestApp();
    user = await signUpPatient(t.app, t.ctx);
  });
  afterAll(async () => t.close());

  it('answers 503 with no patient data when the audit event cannot be written, and the record once it can', async () => {
    const url = `/api/patients/${user.patientId}/medications`;
    const ok = await user.client.get(url);
    expect(ok.statusCode).toBe(200);
    const names = (ok.json() as { current: { name: string }[]; past: { name: string }[] }).past.map((m) => m.name);
    expect(names.length).toBeGreaterThan(0);

    const spy = vi.spyOn(t.ctx.audit, 'recordCommitted').mockRejectedValueOnce(new Error('disk full'));
    const refused = await user.client.get(url);
    spy.mockRestore();
    expect(refused.statusCode).toBe(503);
    expect(refused.json().error.code).toBe('audit_unavailable');
    for (const name of names) expect(refused.body).not.toContain(name);

    const events = await t.ctx.audit.forPatient(user.patientId);
    expect(events.filter((e) => e.action === 'record.medications.read')).toHaveLength(1); // the successful read only
  });
});
