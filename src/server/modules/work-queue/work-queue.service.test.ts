import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffRole } from '../../db/schema.ts';
import type { Session } from '../../platform/session/sessions.ts';
import { createStaff, importPatient } from '../../../../test/helpers/identity-factories.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import type { NewWorkItem, WorkQueueService } from './work-queue.service.ts';
import { createServices } from '../../services.ts';

const origin = { ip: '127.0.0.1', userAgent: 'vitest' };
const hour = 3_600_000;

describe('work queue service', () => {
  let t: TestApp;
  let queue: WorkQueueService;
  let patientId: string;
  const staff: Partial<Record<StaffRole | 'frontDesk2', Session>> = {};

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-24T15:00:00.000Z' });
    queue = createServices(t.ctx).queue;
    ({ patientId } = await importPatient(t.ctx, 'Louis_Maggio'));
    for (const role of ['front_desk', 'billing', 'clinician', 'admin', 'him'] as const)
      staff[role] = (await createStaff(t.ctx, role)).session;
    staff.frontDesk2 = (await createStaff(t.ctx, 'front_desk')).session;
    // The clinician works for the cardiology organisation only (its care-team pool is care_team:cardiology).
    await t.ctx.db.kysely
      .deleteFrom('staff_organisation')
      .where('account_id', '=', staff.clinician!.accountId)
      .execute();
    await t.ctx.db.kysely
      .insertInto('staff_organisation')
      .values({ account_id: staff.clinician!.accountId, organisation_id: 'cardiology' })
      .execute();
  });
  afterAll(async () => t.close());

  const as = (k: keyof typeof staff): Session => staff[k]!;
  const add = (item: Partial<NewWorkItem> & { dueInHours: number }) =>
    t.ctx.db.kysely.transaction().execute((trx) =>
      queue.create(trx, {
        type: 'activation_code_request',
        pool: 'front_desk',
        details: { firstName: 'Test' },
        dueAt: new Date(t.clock.now().getTime() + item.dueInHours * hour),
        ...item,
      }),
    );

  it('lists the pool soonest due first and marks what is overdue', async () => {
    const later = await add({ dueInHours: 30 });
    const soon = await add({ dueInHours: 2 });
    const middle = await add({ dueInHours: 10 });
    t.clock.advance(3 * hour);
    const items = await queue.listForStaff(as('front_desk'), { pool: 'front_desk' }, origin);
    const ours = items.filter((i) => [later, soon, middle].includes(i.id));
    expect(ours.map((i) => i.id)).toEqual([soon, middle, later]);
    expect(ours.map((i) => i.overdue)).toEqual([true, false, false]);
    expect(ours[0]!.actions).toMatchObject({ canClaim: true, canClose: true, canRelease: false, canIssueCode: true });
  });

  it('shows a billing user nothing of the front desk: not in the list, 403 for the pool, 404 for the item', async () => {
    const id = await add({ dueInHours: 5 });
    expect(await queue.listForStaff(as('billing'), {}, origin)).toEqual([]);
    await expect(queue.listForStaff(as('billing'), { pool: 'front_desk' }, origin)).rejects.toMatchObject({
      kind: 'forbidden',
      code: 'pool_forbidden',
    });
    await expect(queue.get(as('billing'), id, origin)).rejects.toMatchObject({ kind: 'not_found' });
    await expect(queue.claim(as('billing'), id, origin)).rejects.toMatchObject({ kind: 'not_found' });
    expect((await queue.get(as('front_desk'), id, origin)).id).toBe(id);
  });

  it('gives care-team pools to clinicians, and every pool to admins', async () => {
    const care = await add({ pool: 'care_team:cardiology', dueInHours: 4 });
    const desk = await add({ dueInHours: 4 });
    const clinicianSees = (await queue.listForStaff(as('clinician'), {}, origin)).map((i) => i.id);
    expect(clinicianSees).toContain(care);
    expect(clinicianSees).not.toContain(desk);
    const elsewhere = await add({ pool: 'care_team:oncology', dueInHours: 4 });
    expect((await queue.listForStaff(as('clinician'), {}, origin)).map((i) => i.id)).not.toContain(elsewhere);
    await expect(queue.get(as('clinician'), elsewhere, origin)).rejects.toMatchObject({ code: 'not_found' });
    expect((await queue.listForStaff(as('front_desk'), {}, origin)).map((i) => i.id)).not.toContain(care);
    const adminSees = (await queue.listForStaff(as('admin'), {}, origin)).map((i) => i.id);
    expect(adminSees).toEqual(expect.arrayContaining([care, desk]));
    expect((await queue.poolsFor(as('clinician'))).pools).toEqual(['care_team:cardiology']);
    expect((await queue.poolsFor(as('front_desk'))).pools).toEqual(['front_desk', 'customer_service']);
    expect((await queue.poolsFor(as('admin'))).pools).toEqual(
      expect.arrayContaining(['front_desk', 'him', 'billing', 'care_team:cardiology']),
    );
  });

  it('lets one person claim an item; a colleague cannot claim or close it, but the claimer can release it', async () => {
    const id = await add({ dueInHours: 5 });
    const claimed = await queue.claim(as('front_desk'), id, origin);
    expect(claimed).toMatchObject({
      status: 'in_progress',
      assignee: { displayName: 'Test front_desk' },
      actions: { canClaim: false, canRelease: true, canClose: true },
    });
    expect((await queue.claim(as('front_desk'), id, origin)).status).toBe('in_progress'); // again: no change
    await expect(queue.claim(as('frontDesk2'), id, origin)).rejects.toMatchObject({ code: 'work_item_claimed' });
    await expect(queue.close(as('frontDesk2'), id, { outcome: 'duplicate' }, origin)).rejects.toMatchObject({
      code: 'work_item_claimed',
    });
    expect((await queue.get(as('frontDesk2'), id, origin)).actions).toMatchObject({
      canClaim: false,
      canClose: false,
      canAssign: true,
    });
    await expect(queue.release(as('frontDesk2'), id, origin)).rejects.toMatchObject({ code: 'work_item_not_yours' });
    expect((await queue.release(as('front_desk'), id, origin)).status).toBe('open');
  });

  it('lets exactly one of two colleagues win a race to claim', async () => {
    const id = await add({ dueInHours: 5 });
    const results = await Promise.allSettled([
      queue.claim(as('front_desk'), id, origin),
      queue.claim(as('frontDesk2'), id, origin),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('closes once with an allowed outcome and a note; closing twice is refused', async () => {
    const id = await add({ dueInHours: 5 });
    await expect(queue.close(as('front_desk'), id, { outcome: 'code_issued' }, origin)).rejects.toMatchObject({
      kind: 'validation_failed',
      field: 'outcome',
    });
    const closed = await queue.close(
      as('front_desk'),
      id,
      { outcome: 'duplicate', note: 'We handled your earlier request.' },
      origin,
    );
    expect(closed).toMatchObject({
      status: 'closed',
      outcome: 'duplicate',
      outcomeNote: 'We handled your earlier request.',
      overdue: false,
    });
    expect(closed.actions).toEqual({
      canClaim: false,
      canRelease: false,
      canAssign: false,
      canClose: false,
      canIssueCode: false,
      canSeeChart: false,
    });
    await expect(queue.close(as('front_desk'), id, { outcome: 'duplicate' }, origin)).rejects.toMatchObject({
      kind: 'conflict',
      code: 'work_item_closed',
    });
    await expect(queue.claim(as('front_desk'), id, origin)).rejects.toMatchObject({ code: 'work_item_closed' });
    expect((await queue.listForStaff(as('front_desk'), { status: 'closed' }, origin)).map((i) => i.id)).toContain(id);
    expect((await queue.listForStaff(as('front_desk'), {}, origin)).map((i) => i.id)).not.toContain(id);
  });

  it('assigns only to a colleague who works the pool', async () => {
    const id = await add({ dueInHours: 5 });
    const billing = as('billing');
    await expect(queue.assign(as('front_desk'), id, billing.accountId, origin)).rejects.toMatchObject({
      field: 'assigneeId',
    });
    const assigned = await queue.assign(as('front_desk'), id, as('frontDesk2').accountId, origin);
    expect(assigned).toMatchObject({ status: 'in_progress', assignee: { id: as('frontDesk2').accountId } });
    const names = (await queue.assigneesFor(as('front_desk'), id)).map((a) => a.role);
    expect(new Set(names)).toEqual(new Set(['front_desk', 'admin']));
  });

  it('adds an item only when the caller’s transaction commits', async () => {
    const before = (await queue.listForStaff(as('admin'), {}, origin)).length;
    await expect(
      t.ctx.db.kysely.transaction().execute(async (trx) => {
        await queue.create(trx, {
          type: 'activation_code_request',
          pool: 'front_desk',
          details: {},
          dueAt: t.clock.now(),
        });
        throw new Error('the caller’s change failed');
      }),
    ).rejects.toThrow('the caller’s change failed');
    expect((await queue.listForStaff(as('admin'), {}, origin)).length).toBe(before);
  });

  it('audits reads and changes of an item about a patient, naming the patient', async () => {
    const id = await add({ patientId, dueInHours: 5 });
    await queue.listForStaff(as('front_desk'), {}, origin);
    await queue.claim(as('front_desk'), id, origin);
    await queue.close(as('front_desk'), id, { outcome: 'duplicate' }, origin);
    const events = (await t.ctx.audit.forPatient(patientId)).filter((e) => e.subjectId === id).map((e) => e.action);
    expect(events).toEqual(
      expect.arrayContaining([
        'work_queue.item.created',
        'work_queue.item.listed',
        'work_queue.item.claimed',
        'work_queue.item.closed',
      ]),
    );
    const item = await queue.get(as('front_desk'), id, origin);
    expect(item.patient).toEqual({ id: patientId, displayName: 'Louis Maggio' });
  });

  it('holds an item exclusively while its lease runs, then lets it go', async () => {
    const id = await add({ dueInHours: 5 });
    const lease = await queue.acquireLease(as('front_desk'), id, origin);
    await expect(queue.acquireLease(as('front_desk'), id, origin)).rejects.toMatchObject({ code: 'work_item_busy' });
    await expect(queue.close(as('admin'), id, { outcome: 'duplicate' }, origin)).rejects.toMatchObject({
      code: 'work_item_busy',
    });
    await expect(
      queue.complete(as('front_desk'), id, { outcome: 'code_issued' }, origin, 'not-the-token'),
    ).rejects.toMatchObject({ code: 'work_item_busy' });
    t.clock.advance(2 * 60_000 + 1);
    const closed = await queue.close(as('admin'), id, { outcome: 'duplicate' }, origin); // the lease lapsed
    expect(closed.status).toBe('closed');
    await expect(
      queue.complete(as('front_desk'), id, { outcome: 'code_issued' }, origin, lease.token),
    ).rejects.toMatchObject({ code: 'work_item_closed' });
  });

  it('refuses a patient session outright', async () => {
    const patientSession = { ...as('front_desk'), realm: 'patient' as const, staffRole: null };
    await expect(queue.listForStaff(patientSession, {}, origin)).rejects.toMatchObject({ kind: 'forbidden' });
  });
});
