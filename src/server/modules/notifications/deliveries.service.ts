import type { RequestOrigin } from '../../platform/audit/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import type { Session } from '../../platform/session/sessions.ts';
import type { DeliveryOverview } from '../../../shared/notifications.ts';
import { deliveryChannels } from '../../platform/outbox/outbox.cli.ts';

/** The outbox for admins: counts per status, which channels really send, dead letters (never payloads), retry. */
export class DeliveriesService {
  constructor(private readonly ctx: AppContext) {}

  async overview(): Promise<DeliveryOverview> {
    const [counts, dead] = await Promise.all([this.ctx.outbox.counts(), this.ctx.outbox.listDead(100)]);
    return {
      counts,
      channels: deliveryChannels(this.ctx),
      dead: dead.map((d) => ({
        id: d.id,
        topic: d.topic,
        attempts: d.attempts,
        lastError: d.last_error,
        createdAt: d.created_at,
        diedAt: d.completed_at,
      })),
    };
  }

  /** Puts a dead letter back in the queue, audited. */
  async retry(admin: Session, id: string, origin: RequestOrigin): Promise<void> {
    if (!(await this.ctx.outbox.retryDead(id))) throw notFound('The failed delivery');
    await this.ctx.audit.record({
      actor: { type: 'staff', id: admin.accountId, role: admin.staffRole ?? undefined },
      action: 'outbox.dead.retried',
      subject: { type: 'outbox_message', id },
      origin,
    });
  }
}
