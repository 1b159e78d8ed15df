import { startSmsGateway, type SmsGateway } from './sms-gateway.ts';
import { startSmtpSink, type SmtpSink } from './smtp-sink.ts';
import { startTestApp, type TestApp } from './test-app.ts';

/** The app with real delivery ends: an SMTP server and the SMS test gateway in this process, wired into its config. */
export interface NotifyingApp {
  t: TestApp;
  sink: SmtpSink;
  gateway: SmsGateway;
  close(): Promise<void>;
}

export async function startNotifyingApp(now?: string): Promise<NotifyingApp> {
  const sink = await startSmtpSink();
  const gateway = await startSmsGateway();
  const t = await startTestApp({
    ...(now ? { now } : {}),
    config: { mail: { smtpUrl: sink.url, from: 'Lantern <no-reply@lantern.test>' }, sms: gateway.config },
  });
  return {
    t,
    sink,
    gateway,
    close: async () => {
      await t.close();
      await sink.close();
      await gateway.close();
    },
  };
}
