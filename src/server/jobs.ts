import type { Command } from 'commander';
import { sendProxyEndingNotices } from './modules/proxy/ending-notices.ts';
import { reindexAllResults, resultsIndexMissing } from './modules/results/results-reindex.ts';
import type { AppContext } from './platform/context.ts';
import { createServices, type OpenApp, type Services } from './services.ts';

const EVERY_SIX_HOURS = 6 * 3_600_000;
/** Results released by a rule's waiting time are told within a minute of it. */
const EVERY_MINUTE = 60_000;

/**
 * Periodic jobs: run once now, then proxy-ending notices every six hours and the results release every minute; the
 * timers never keep the process alive. Every job is safe on many nodes at once. Returns a stop function.
 */
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
  const releaseResults = async (): Promise<void> => {
    try {
      const n = await services.resultsReview.releaseDue();
      if (n) log(`told patients of ${n} released test result(s)`);
    } catch (err) {
      log(`results release job failed: ${(err as Error).message}`);
    }
  };
  const runWaitList = async (): Promise<void> => {
    try {
      const { expired, offered } = await services.waitList.runDue();
      if (expired || offered) log(`wait list: ${expired} offer(s) expired, ${offered} earlier time(s) offered`);
    } catch (err) {
      log(`wait-list job failed: ${(err as Error).message}`);
    }
  };
  void run();
  void runWaitList();
  // A database from before the results index: build it once, in the background, then tell what became news.
  void (async () => {
    try {
      if (await resultsIndexMissing(ctx.db.kysely, services.fhir)) {
        const done = await reindexAllResults(ctx.db.kysely, services.fhir, ctx.config.tenant.results, () =>
          ctx.clock.now(),
        );
        log(`indexed ${done.results} test result(s) of ${done.patients} patient(s)`);
      }
    } catch (err) {
      log(`results index build failed: ${(err as Error).message}`);
    }
    await releaseResults();
  })();
  const timers = [
    setInterval(() => void run(), EVERY_SIX_HOURS),
    setInterval(() => void releaseResults(), EVERY_MINUTE),
    setInterval(() => void runWaitList(), EVERY_MINUTE),
  ];
  for (const t of timers) t.unref();
  return () => timers.forEach((t) => clearInterval(t));
}

export function runProxyEndingNotices(ctx: AppContext, services: Services = createServices(ctx)): Promise<number> {
  return sendProxyEndingNotices(ctx, services.proxy, services.directory);
}

/** `lantern jobs proxy-ending-notices|results-release`: a job by hand (or from cron). */
export function registerJobCommands(program: Command, openContext: OpenApp): void {
  program
    .command('jobs')
    .description('run a periodic job once')
    .argument('<job>', 'proxy-ending-notices | results-release | results-reindex | wait-list')
    .action(async (job: string) => {
      if (!['proxy-ending-notices', 'results-release', 'results-reindex', 'wait-list'].includes(job))
        throw new Error(`unknown job ${job}`);
      const { ctx, services, close } = await openContext();
      try {
        if (job === 'results-reindex') {
          const done = await reindexAllResults(ctx.db.kysely, services.fhir, ctx.config.tenant.results, () =>
            ctx.clock.now(),
          );
          console.log(`Indexed ${done.results} test result(s) of ${done.patients} patient(s).`);
        } else if (job === 'wait-list') {
          const { expired, offered } = await services.waitList.runDue();
          console.log(`${expired} wait-list offer(s) expired; ${offered} earlier time(s) offered.`);
        } else if (job === 'results-release')
          console.log(`Told patients of ${await services.resultsReview.releaseDue()} released test result(s).`);
        else console.log(`Queued ${await runProxyEndingNotices(ctx, services)} notice(s).`);
      } finally {
        await close();
      }
    });
}
