import { z } from 'zod';
import type { SmsGatewayConfig } from '../../config.ts';
import { frameDemoBlock, type DemoOutput } from '../demo-output.ts';
import { PermanentDeliveryError, type Delivery, type OutboxLogger } from '../outbox/delivery.ts';

/** A text message as enqueued on `sms.send`. Texts carry no health information and stay under 160 characters. */
export interface SmsPayload {
  to: string;
  text: string;
  /** Security alerts and one-time codes: not held back by the per-recipient hourly limit (their senders throttle them). */
  urgent?: boolean;
}

declare module '../outbox/outbox.ts' {
  interface OutboxTopics {
    'sms.send': SmsPayload;
  }
}

const smsPayloadSchema = z.object({ to: z.string().min(7).max(20), text: z.string().min(1).max(160) });

/** Header that carries the outbox dedupe key to the gateway, so a redelivered duplicate can be recognised. */
export const SMS_DEDUPE_HEADER = 'X-Lantern-Dedupe-Key';

/** The `sms.send` handler and what it sends through. */
export interface SmsSender {
  /** `twilio` (a gateway with Twilio's Messages API shape) or `log`. */
  transport: 'twilio' | 'log';
  send(payload: SmsPayload, delivery: Pick<Delivery, 'dedupeKey' | 'signal'>): Promise<void>;
}

/**
 * Sends texts through the configured gateway. When none is configured (the startup banner says so) a one-line notice
 * with the dedupe key is logged, never the number or the text (it may hold a one-time code); only the demo
 * (`demoOutput`, never given in production) also prints the whole text, framed as demo output. The Twilio shape
 * (form-encoded To/From/Body, HTTP Basic auth with the account SID and token) is what most SMS providers offer or
 * emulate; it is a single HTTP POST, so it is made with fetch rather than the provider's SDK.
 *
 * Outcomes: 2xx delivered; 408, 429 and 5xx (and network errors) are retried with the outbox's backoff; any other
 * 4xx (a refused number, bad credentials) is permanent and goes to the dead-letter list. Errors never carry the
 * number or the gateway's message (which may quote it).
 */
export function createSmsSender(
  config: SmsGatewayConfig | undefined,
  logger: OutboxLogger,
  demoOutput?: DemoOutput,
): SmsSender {
  const check = (payload: SmsPayload): SmsPayload => {
    const parsed = smsPayloadSchema.safeParse(payload);
    if (!parsed.success)
      throw new PermanentDeliveryError(
        `sms payload is invalid at: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`,
      );
    return parsed.data;
  };
  if (!config) {
    return {
      transport: 'log',
      async send(payload, delivery) {
        const sms = check(payload);
        logger.info(
          { topic: 'sms.send', dedupeKey: delivery.dedupeKey },
          demoOutput
            ? 'text not sent (no SMS gateway configured); printed as demo output'
            : 'text not sent (no SMS gateway configured)',
        );
        demoOutput?.(
          frameDemoBlock('DEMO TEXT MESSAGE', 'not sent — no SMS gateway configured', [`To: ${sms.to}`, '', sms.text]),
        );
      },
    };
  }
  const endpoint = `${config.baseUrl}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString('base64')}`;
  return {
    transport: 'twilio',
    async send(payload, delivery) {
      const sms = check(payload);
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: {
          authorization,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
          [SMS_DEDUPE_HEADER]: delivery.dedupeKey,
          'Idempotency-Key': delivery.dedupeKey,
        },
        body: new URLSearchParams({ To: sms.to, From: config.from, Body: sms.text }).toString(),
        signal: delivery.signal,
      });
      if (response.ok) {
        await response.body?.cancel();
        return;
      }
      const code = await gatewayErrorCode(response);
      const what = `SMS gateway answered ${response.status}${code ? ` (error ${code})` : ''}`;
      if (response.status === 408 || response.status === 429 || response.status >= 500) throw new Error(what);
      throw new PermanentDeliveryError(what);
    },
  };
}

/** The provider's numeric error code from a JSON error body, if any (never its message: it may quote the number). */
async function gatewayErrorCode(response: Response): Promise<string | null> {
  try {
    const body = (await response.json()) as { code?: unknown };
    const code = typeof body.code === 'number' || typeof body.code === 'string' ? String(body.code) : '';
    return /^\d{1,10}$/.test(code) ? code : null;
  } catch {
    return null;
  }
}
