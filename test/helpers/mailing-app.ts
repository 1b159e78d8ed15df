import { createOutboxWorker, type RunningOutboxWorker } from '../../src/server/platform/outbox/outbox.cli.ts';
import { startSmtpSink, type SmtpSink } from './smtp-sink.ts';
import { startTestApp, type TestApp } from './test-app.ts';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** The app with an SMTP server in this process and an outbox worker: tests read what people are emailed. */
export interface MailingApp {
  t: TestApp;
  sink: SmtpSink;
  /** Delivers what the outbox holds now. */
  deliver(): Promise<void>;
  /** Delivers queued email and returns the 6-digit code in the newest message ('none' when there is none). */
  lastCode(): Promise<string>;
  close(): Promise<void>;
}

export async function startMailingApp(now: string): Promise<MailingApp> {
  const sink = await startSmtpSink();
  const t = await startTestApp({ now, config: { mail: { smtpUrl: sink.url, from: 'Portal <portal@lantern.test>' } } });
  const running: RunningOutboxWorker = createOutboxWorker(t.ctx, { logger: silent });
  return {
    t,
    sink,
    deliver: async () => {
      await running.worker.runOnce();
    },
    lastCode: async () => {
      await running.worker.runOnce();
      return /\b(\d{6})\b/.exec(sink.messages.at(-1)?.raw ?? '')?.[1] ?? 'none';
    },
    close: async () => {
      await running.stop();
      await t.close();
      await sink.close();
    },
  };
}
