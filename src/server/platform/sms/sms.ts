import { z } from 'zod';
import { PermanentDeliveryError, type Delivery, type OutboxLogger } from '../outbox/outbox.ts';

/** A text message as enqueued on `sms.send`. Texts carry no health information and stay under 160 characters. */
export interface SmsPayload {
  to: string;
  text: string;
}

declare module '../outbox/outbox.ts' {
  interface OutboxTopics {
    'sms.send': SmsPayload;
  }
}

const smsPayloadSchema = z.object({ to: z.string().min(7).max(20), text: z.string().min(1).max(160) });

/**
 * The `sms.send` handler. No gateway is configured yet (the notifications issue adds one), so texts are written to the
 * log — the text only, never the number — and the startup banner says so.
 */
export function createSmsSender(logger: OutboxLogger): { send(payload: SmsPayload, delivery: Pick<Delivery, 'dedupeKey'>): Promise<void> } {
  return {
    async send(payload, delivery) {
      const parsed = smsPayloadSchema.safeParse(payload);
      if (!parsed.success) throw new PermanentDeliveryError(`sms payload is invalid at: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
      logger.info({ topic: 'sms.send', dedupeKey: delivery.dedupeKey, text: parsed.data.text }, 'text not sent (no SMS gateway configured); logged instead');
    },
  };
}
