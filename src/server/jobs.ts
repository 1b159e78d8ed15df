import type { Command } from 'commander';
import { sendProxyEndingNotices } from './modules/proxy/ending-notices.ts';
import type { AppContext } from './platform/context.ts';
import { createServices, type OpenApp, type Services } from './services.ts';

const EVERY_SIX_HOURS = 6 * 3_600_000;

/** Periodic jobs: run once now and then every six hours; the timer never keeps the process alive. Returns a stop function. */
export function startPeriodicJobs(ctx: AppContext, services: Services, log: (msg: string) => void): () => void {
  const run = async (): Promise<void> => {
    try {
      const n = await runProxyEndingNotices(ctx, services);
      if (n) log(`queued ${n} proxy-ending notice(s)`);
      await ctx.limits.purgeExpired(); // attempt counters whose window has ended
    } catch (err) {
      log(`periodic job failed: ${(err as Error).message}`);
    }
  };
  void run();
  const timer = setInterval(() => void run(), EVERY_SIX_HOURS);
  timer.unref();
  return () => clearInterval(timer);
}

export function runProxyEndingNotices(ctx: AppContext, services: Services = createServices(ctx)): Promise<number> {
  return sendProxyEndingNotices(ctx, services.proxy, services.directory);
}

/** `lantern jobs proxy-ending-notices`: the same job by hand (or from cron). */
export function registerJobCommands(program: Command, openContext: OpenApp): void {
  program
    .command('jobs')
    .description('run a periodic job once')
    .argument('<job>', 'proxy-ending-notices')
    .action(async (job: string) => {
      if (job !== 'proxy-ending-notices') throw new Error(`unknown job ${job}`);
      const { ctx, services, close } = await openContext();
      try {
        console.log(`Queued ${await runProxyEndingNotices(ctx, services)} notice(s).`);
      } finally {
        await close();
      }
    });
}
