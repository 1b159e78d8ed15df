import { describe, expect, it } from 'vitest';
import { PermanentDeliveryError, type OutboxLogger } from '../outbox/outbox.ts';
import { createMailer, messageIdFor } from './mailer.ts';

function recordingLogger(): OutboxLogger & { lines: string[] } {
  const lines: string[] = [];
  const record = (fields: object, msg: string): void => void lines.push(`${msg} ${JSON.stringify(fields)}`);
  return { lines, info: record, warn: record, error: record };
}

const delivery = { topic: 'email.send', dedupeKey: 'result-ready:r-42', signal: new AbortController().signal };
const payload = { to: 'jane.doe@patientmail.test', subject: 'Your lab result is ready', text: 'Hemoglobin A1c 9.1%' };

describe('mailer', () => {
  it('without SMTP_URL logs one line with the topic and dedupe key, never the recipient, subject or body', async () => {
    const logger = recordingLogger();
    const mailer = createMailer({ smtpUrl: undefined, from: 'Lantern <no-reply@portal.example.org>' }, logger);

    await mailer.send(payload, delivery);
    mailer.close();

    expect(mailer.transport).toBe('log');
    expect(logger.lines).toHaveLength(1);
    const line = logger.lines[0]!;
    expect(line).toContain('result-ready:r-42');
    expect(line).toContain('email.send');
    for (const secret of ['jane.doe', 'patientmail', 'lab result', 'A1c', '9.1']) expect(line).not.toContain(secret);
  });

  it('in the demo, also prints the whole email framed as demo output, still logging no contents', async () => {
    const logger = recordingLogger();
    const printed: string[] = [];
    const mailer = createMailer(
      { smtpUrl: undefined, from: 'Lantern <no-reply@portal.example.org>' },
      logger,
      (block) => void printed.push(block),
    );
    const link = { ...payload, text: 'Sign in to see it: http://localhost:3000/' };

    await mailer.send(link, delivery);
    mailer.close();

    expect(printed).toHaveLength(1);
    const block = printed[0]!;
    expect(block).toMatch(/^=+ DEMO EMAIL \(not sent — no SMTP configured\) =+$/m);
    expect(block).toContain('To: jane.doe@patientmail.test');
    expect(block).toContain('Subject: Your lab result is ready');
    expect(block).toContain('Sign in to see it: http://localhost:3000/');
    expect(block).toMatch(/^=+ END OF DEMO EMAIL =+$/m);
    expect(logger.lines.join('\n')).not.toMatch(/jane\.doe|lab result|localhost:3000/);
  });

  it('refuses a malformed payload as a permanent failure, naming the field but not its value', async () => {
    const mailer = createMailer({ smtpUrl: undefined, from: 'Lantern <no-reply@localhost>' }, recordingLogger());
    const sent = mailer.send({ ...payload, to: 'jane.doe at patientmail.test' }, delivery);
    await expect(sent).rejects.toBeInstanceOf(PermanentDeliveryError);
    await expect(sent).rejects.toThrow(/^email payload is invalid at: to$/);
  });

  it('derives one stable Message-ID per dedupe key, in the From address domain', () => {
    const from = 'Lantern <no-reply@portal.example.org>';
    expect(messageIdFor('a:1', from)).toBe(messageIdFor('a:1', from));
    expect(messageIdFor('a:1', from)).not.toBe(messageIdFor('a:2', from));
    expect(messageIdFor('a:1', from)).toMatch(/^<[0-9a-f]{40}@portal\.example\.org>$/);
    expect(messageIdFor('a:1', 'no-reply@localhost')).toMatch(/@localhost>$/);
    expect(messageIdFor('a:1', 'Lantern')).toMatch(/@lantern\.invalid>$/);
  });
});
