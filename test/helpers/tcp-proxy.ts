import net from 'node:net';

/**
 * A TCP proxy between Lantern and its database that a test can cut (every connection dropped, new ones refused) or
 * freeze (connections stay open but nothing passes, as with a stopped process), and restore.
 */
export interface TcpProxy {
  port: number;
  cut(): void;
  freeze(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  let state: 'open' | 'cut' | 'frozen' = 'open';
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();
  const held: { client: net.Socket; upstream: net.Socket; queue: [net.Socket, Buffer][] }[] = [];

  const server = net.createServer((client) => {
    if (state === 'cut') {
      client.destroy();
      return;
    }
    const upstream = net.connect(targetPort, targetHost);
    const pair = { client, upstream };
    pairs.add(pair);
    const queue: [net.Socket, Buffer][] = [];
    const entry = { client, upstream, queue };
    held.push(entry);
    const forward = (to: net.Socket) => (chunk: Buffer) => {
      if (state === 'frozen') queue.push([to, chunk]);
      else if (!to.destroyed) to.write(chunk);
    };
    client.on('data', forward(upstream));
    upstream.on('data', forward(client));
    const end = () => {
      client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    cut() {
      state = 'cut';
      for (const p of pairs) {
        p.client.destroy();
        p.upstream.destroy();
      }
      pairs.clear();
    },
    freeze() {
      state = 'frozen';
    },
    restore() {
      state = 'open';
      for (const h of held) for (const [to, chunk] of h.queue.splice(0)) if (!to.destroyed) to.write(chunk);
    },
    async close() {
      for (const p of pairs) {
        p.client.destroy();
        p.upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
