import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SmsGatewayConfig } from '../../src/server/config.ts';

/** One text as the test gateway received it. */
export interface ReceivedText {
  to: string;
  from: string;
  body: string;
  /** The outbox dedupe key the sender put in X-Lantern-Dedupe-Key (and Idempotency-Key). */
  dedupeKey: string | undefined;
  accountSid: string;
  authorised: boolean;
}

/**
 * An HTTP receiver in the test process with the shape of Twilio's Messages API
 * (POST /2010-04-01/Accounts/{sid}/Messages.json, form-encoded To/From/Body, Basic auth): tests see exactly what
 * a real gateway would receive. It answers 201 with a message SID, or the statuses a test queues up first.
 */
export interface SmsGateway {
  /** Pass as `config.sms` (or the SMS_* variables of a child process). */
  config: SmsGatewayConfig;
  texts: ReceivedText[];
  /** The next requests are answered with these statuses (e.g. 503 for an outage, 400 for a refused number). */
  failNext(...statuses: number[]): void;
  /** Resolves once `count` texts have arrived (or rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedText[]>;
  close(): Promise<void>;
}

const SID = 'ACtest0000000000000000000000000000';
const TOKEN = 'test-auth-token-0000';

export async function startSmsGateway(): Promise<SmsGateway> {
  const texts: ReceivedText[] = [];
  const failures: number[] = [];
  const server = createServer((req, res) => void handle(req, res));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match) {
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ code: 20404, message: 'Not found' }));
      return;
    }
    const status = failures.shift();
    if (status !== undefined) {
      res
        .writeHead(status, { 'content-type': 'application/json' })
        .end(JSON.stringify({ code: 21211, message: `test gateway answered ${status}`, status }));
      return;
    }
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    const expected = `Basic ${Buffer.from(`${SID}:${TOKEN}`).toString('base64')}`;
    const text: ReceivedText = {
      to: form.get('To') ?? '',
      from: form.get('From') ?? '',
      body: form.get('Body') ?? '',
      dedupeKey: header(req, 'x-lantern-dedupe-key'),
      accountSid: match[1]!,
      authorised: req.headers.authorization === expected,
    };
    if (!text.authorised) {
      res
        .writeHead(401, { 'content-type': 'application/json' })
        .end(JSON.stringify({ code: 20003, message: 'Authenticate' }));
      return;
    }
    texts.push(text);
    res
      .writeHead(201, { 'content-type': 'application/json' })
      .end(JSON.stringify({ sid: `SM${String(texts.length).padStart(32, '0')}`, status: 'queued' }));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    config: {
      provider: 'twilio',
      baseUrl: `http://127.0.0.1:${port}`,
      accountSid: SID,
      authToken: TOKEN,
      from: '+15025550100',
    },
    texts,
    failNext: (...statuses) => {
      failures.push(...statuses);
    },
    waitFor: async (count, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      while (texts.length < count) {
        if (Date.now() > deadline)
          throw new Error(`expected ${count} text(s) at the test gateway, got ${texts.length}`);
        await new Promise((r) => setTimeout(r, 25));
      }
      return texts;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
