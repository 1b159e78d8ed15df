import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffRole } from '../../db/schema.ts';
import { Client, createStaff } from '../../../../test/helpers/identity-factories.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { createServices } from '../../services.ts';

async function staffClient(t: TestApp, role: StaffRole): Promise<Client> {
  const s = await createStaff(t.ctx, role);
  const c = new Client(t.app);
  c.cookies.set('lantern_staff', s.cookie.split('=')[1]!);
  c.csrf = s.csrf;
  return c;
}

describe('work-queue routes', () => {
  let t: TestApp;
  let itemId: string;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-24T15:00:00.000Z' });
    itemId = await t.ctx.db.kysely.transaction().execute((trx) =>
      createServices(t.ctx).queue.create(trx, {
        type: 'activation_code_request',
        pool: 'front_desk',
        details: { firstName: 'Ann' },
        dueAt: new Date('2026-11-25T22:00:00Z'),
      }),
    );
  });
  afterAll(async () => t.close());

  it('lets the front desk claim and close an item over HTTP, and shows the pools it works', async () => {
    const desk = await staffClient(t, 'front_desk');
    expect((await desk.get('/api/staff/work-items/pools')).json()).toEqual({
      pools: ['front_desk', 'customer_service'],
      names: {},
      counts: { front_desk: 1, customer_service: 0 },
    });
    expect((await desk.get('/api/staff/work-items')).json().items.map((i: { id: string }) => i.id)).toEqual([itemId]);
    expect((await desk.post(`/api/staff/work-items/${itemId}/claim`, {}, { csrf: false })).statusCode).toBe(403);
    const claimed = await desk.post(`/api/staff/work-items/${itemId}/claim`);
    expect(claimed.json()).toMatchObject({ status: 'in_progress', actions: { canClose: true } });
    const bad = await desk.post(`/api/staff/work-items/${itemId}/close`, { outcome: 'code_issued' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('outcome');
    const closed = await desk.post(`/api/staff/work-items/${itemId}/close`, {
      outcome: 'duplicate',
      note: 'Handled with your other request.',
    });
    expect(closed.json()).toMatchObject({ status: 'closed', outcome: 'duplicate' });
    const again = await desk.post(`/api/staff/work-items/${itemId}/close`, { outcome: 'duplicate' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('work_item_closed');
    expect((await desk.get('/api/staff/work-items?status=closed')).json().items).toHaveLength(1);
  });

  it('keeps billing out of the front-desk pool: 403 for the pool, 404 for the item', async () => {
    const billing = await staffClient(t, 'billing');
    expect((await billing.get('/api/staff/work-items')).json()).toEqual({ items: [] });
    expect((await billing.get('/api/staff/work-items?pool=front_desk')).statusCode).toBe(403);
    expect((await billing.get(`/api/staff/work-items/${itemId}`)).statusCode).toBe(404);
    expect((await billing.get('/api/staff/work-items?pool=nonsense')).statusCode).toBe(400);
  });

  it('counts each tab’s active items in the pools answer, and names who closed an item', async () => {
    const queue = createServices(t.ctx).queue;
    const add = (pool: string) =>
      t.ctx.db.kysely.transaction().execute((trx) =>
        queue.create(trx, {
          type: 'activation_code_request',
          pool,
          details: { firstName: 'Bea' },
          dueAt: new Date('2026-11-26T22:00:00Z'),
        }),
      );
    const [a] = [await add('front_desk'), await add('front_desk'), await add('customer_service'), await add('him')];
    const desk = await staffClient(t, 'front_desk');
    // The item the first test closed counts no more; the HIM item is not the front desk's.
    expect((await desk.get('/api/staff/work-items/pools')).json().counts).toEqual({
      front_desk: 2,
      customer_service: 1,
    });
    expect((await (await staffClient(t, 'billing')).get('/api/staff/work-items/pools')).json().counts).toEqual({
      billing: 0,
    });

    const closed = await desk.post(`/api/staff/work-items/${a}/close`, { outcome: 'duplicate' });
    expect(closed.json()).toMatchObject({ status: 'closed', closedBy: { displayName: 'Test front_desk' } });
    expect((await desk.get('/api/staff/work-items/pools')).json().counts.front_desk).toBe(1);
    const list = (await desk.get('/api/staff/work-items?pool=front_desk&status=closed')).json().items as {
      id: string;
      closedBy: { displayName: string } | null;
    }[];
    expect(list.find((i) => i.id === a)?.closedBy?.displayName).toBe('Test front_desk');
    const open = (await desk.get('/api/staff/work-items?pool=front_desk')).json().items as { closedBy: unknown }[];
    expect(open.every((i) => i.closedBy === null)).toBe(true);
  });

  it('refuses callers without a staff session', async () => {
    expect((await new Client(t.app).get('/api/staff/work-items')).statusCode).toBe(401);
  });
});
