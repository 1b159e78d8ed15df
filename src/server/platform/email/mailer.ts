import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import { frameDemoBlock, type DemoOutput } from '../demo-output.ts';
import { PermanentDeliveryError, type Delivery, type OutboxLogger } from '../outbox/delivery.ts';

/**
 * An email as enqueued on the `email.send` topic. No health information leaves by email: the
 * text says "you have new information" with a link, never a result, diagnosis or message text.
 */
export interface EmailPayload {
  to: string;
  subject: string;
  text: string;
  /** Optional simple HTML alternative of the same text. */
  html?: string;
  /** Security alerts and one-time codes: not held back by the per-recipient hourly limit (their senders throttle them). */
  urgent?: boolean;
}

const emailPayloadSchema = z.object({
  to: z.email(),
  subject: z.string().min(1).max(250),
  text: z.string().min(1),
  html: z.string().min(1).optional(),
});

/** Header that carries the outbox dedupe key, so a receiver can drop a redelivered duplicate. */
export const DEDUPE_HEADER = 'X-Lantern-Dedupe-Key';

/** The `email.send` handler and the transport behind it; close it when the worker stops. */
export interface Mailer {
  transport: 'smtp' | 'log';
  send(payload: EmailPayload, delivery: Pick<Delivery, 'dedupeKey' | 'topic' | 'signal'>): Promise<void>;
  close(): void;
}

/**
 * Message-ID derived from the dedupe key: every redelivery of one outbox message carries the
 * same id, which mail systems already use to spot duplicates. Hashed, so internal ids in the key
 * do not become the id's local part; the domain is the From address's.
 */
export function messageIdFor(dedupeKey: string, from: string): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'lantern.invalid';
  return `<${createHash('sha256').update(dedupeKey).digest('hex').slice(0, 40)}@${domain}>`;
}

/**
 * Sends over SMTP when `mail.smtpUrl` is set. Otherwise the message is still composed (so a bad
 * message fails the same way) and a one-line notice is logged with the topic and dedupe key only:
 * no recipient, no subject, no body — nothing that could be PHI reaches the log. Only the demo
 * (`demoOutput`, never given in production) also prints the whole email, framed as demo output,
 * so its links and codes can be used without a mail server.
 */
export function createMailer(mail: Config['mail'], logger: OutboxLogger, demoOutput?: DemoOutput): Mailer {
  const smtp = mail.smtpUrl !== undefined && mail.smtpUrl !== '';
  const transporter = smtp
    ? nodemailer.createTransport({
        url: mail.smtpUrl,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      })
    : nodemailer.createTransport({ streamTransport: true, buffer: true });

  return {
    transport: smtp ? 'smtp' : 'log',
    async send(payload, delivery) {
      const parsed = emailPayloadSchema.safeParse(payload);
      if (!parsed.success) {
        const fieldsAt = parsed.error.issues.map((i) => i.path.join('.') || '(root)').join(', ');
        throw new PermanentDeliveryError(`email payload is invalid at: ${fieldsAt}`);
      }
      const email = parsed.data;
      const messageId = messageIdFor(delivery.dedupeKey, mail.from);
      await transporter.sendMail({
        from: mail.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        ...(email.html ? { html: email.html } : {}),
        messageId,
        headers: { [DEDUPE_HEADER]: delivery.dedupeKey },
        signal: delivery.signal,
      });
      if (!smtp) {
        logger.info(
          { topic: delivery.topic, dedupeKey: delivery.dedupeKey, messageId },
          demoOutput
            ? 'email not sent (SMTP_URL is not set); printed as demo output'
            : 'email not sent (SMTP_URL is not set)',
        );
        demoOutput?.(
          frameDemoBlock('DEMO EMAIL', 'not sent — no SMTP configured', [
            `To: ${email.to}`,
            `From: ${mail.from}`,
            `Subject: ${email.subject}`,
            '',
            email.text.trimEnd(),
          ]),
        );
      }
    },
    close: () => transporter.close(),
  };
}
