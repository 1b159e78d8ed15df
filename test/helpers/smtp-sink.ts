import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One message as the sink received it over SMTP. */
export interface ReceivedMail {
  envelopeFrom: string | null;
  envelopeTo: string[];
  /** Header names lower-cased, folded lines joined; the first occurrence of each. */
  headers: Record<string, string>;
  dedupeKey: string | undefined;
  messageId: string | undefined;
  subject: string | undefined;
  /** The whole message as sent (headers and MIME body). */
  raw: string;
  /** The decoded plain-text part, and the HTML part if any (parsed with mailparser). */
  text: string;
  html: string | null;
}

/** A real SMTP server in the test process: tests see exactly what a mail relay would receive. */
export interface SmtpSink {
  /** `smtp://127.0.0.1:<port>`, for `config.mail.smtpUrl` or a child's SMTP_URL. */
  url: string;
  messages: ReceivedMail[];
  /** The next `count` messages are refused at MAIL FROM with a temporary 451 (a relay outage). */
  refuseNext(count: number): void;
  close(): Promise<void>;
}

/** Starts a sink on 127.0.0.1 and a free port: no auth, no TLS. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  let refusals = 0;
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    closeTimeout: 200,
    onMailFrom(_address, _session, callback) {
      if (refusals > 0) {
        refusals -= 1;
        callback(Object.assign(new Error('Temporary failure, try again later'), { responseCode: 451 }));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const headers = parseHeaders(raw);
        const parsed = await simpleParser(raw);
        messages.push({
          text: parsed.text ?? '',
          html: typeof parsed.html === 'string' ? parsed.html : null,
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          headers,
          dedupeKey: headers['x-lantern-dedupe-key'],
          messageId: headers['message-id'],
          subject: headers.subject,
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    refuseNext: (count) => {
      refusals = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function parseHeaders(raw: string): Record<string, string> {
  const end = raw.search(/\r?\n\r?\n/);
  const block = (end === -1 ? raw : raw.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers[name] ??= line.slice(colon + 1).trim();
  }
  return headers;
}
