import cluster, { type Worker } from 'node:cluster';

/** What a worker tells the primary once it listens: enough for the primary to print the banner once. */
export interface WorkerReady {
  type: 'lantern:listening';
  channels: { email: string; sms: string };
}

export function isWorkerReady(message: unknown): message is WorkerReady {
  return (message as { type?: unknown } | null)?.type === 'lantern:listening';
}

/** A worker that dies this often within a minute is not restarted again: something is wrong, not bad luck. */
const MAX_RESTARTS_PER_MINUTE = 5;

/**
 * The primary of `lantern serve --workers N`: forks N processes that each run the whole app on the same port (node's
 * cluster hands connections out in turn), restarts a worker that dies, and on SIGTERM or SIGINT lets every worker
 * stop gracefully before it exits itself. Sessions, limits, the outbox and jobs live in the database, so any worker
 * can answer any request and a job claimed by one is not run by another.
 *
 * `onReady` runs once, when all the workers listen. Resolves with the exit code once all workers are gone.
 */
export function runWorkers(
  count: number,
  log: (line: string) => void,
  onReady: (ready: WorkerReady) => void,
): Promise<number> {
  let stopping = false;
  let announced = false;
  let listening = 0;
  let failed = false;
  const deaths: number[] = [];

  const fork = (): Worker => {
    const worker = cluster.fork();
    worker.on('message', (message: unknown) => {
      if (announced || !isWorkerReady(message)) return;
      // "Running" once every first worker listens, so the first requests are spread over all of them.
      if (++listening === count) {
        announced = true;
        onReady(message);
      }
    });
    return worker;
  };

  return new Promise((resolve) => {
    cluster.on('exit', (worker, code, signal) => {
      if (stopping) {
        // Killed by our SIGTERM before it installed its handler: it was still starting and held no requests.
        if (code !== 0 && signal !== 'SIGTERM') failed = true;
        if (Object.keys(cluster.workers ?? {}).length === 0) resolve(failed ? 1 : 0);
        return;
      }
      const now = Date.now();
      deaths.push(now);
      while (deaths.length && deaths[0]! < now - 60_000) deaths.shift();
      if (deaths.length > MAX_RESTARTS_PER_MINUTE) {
        log(`workers keep dying (${deaths.length} in a minute); stopping`);
        failed = true;
        stop();
        return;
      }
      log(`worker ${worker.process.pid} ended (${signal ?? code}); starting another`);
      fork();
    });

    const stop = (): void => {
      if (stopping) return;
      stopping = true;
      const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
      if (!alive.length) resolve(failed ? 1 : 0);
      // Each worker finishes the requests it took and its outbox batch, then exits (main.ts, shutdown).
      for (const w of alive) w.process.kill('SIGTERM');
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);

    for (let i = 0; i < count; i++) fork();
  });
}
