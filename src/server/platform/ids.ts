import { randomBytes } from 'node:crypto';
import { monotonicFactory, ulid, type ULIDFactory } from 'ulid';

/**
 * Random numbers for ULIDs from the operating system's CSPRNG, drawn 4 KB at a time instead of one `getRandomValues`
 * call per character (the ulid library's default): the same quality, a fraction of the cost on the request path.
 */
const pool = { bytes: randomBytes(4096), at: 4096 };
function pooledRandom(): number {
  if (pool.at + 4 > pool.bytes.length) {
    pool.bytes = randomBytes(4096);
    pool.at = 0;
  }
  const n = pool.bytes.readUInt32BE(pool.at);
  pool.at += 4;
  return n / 0x1_0000_0000;
}

/** A new ULID (time-ordered, 80 random bits). */
export function newUlid(): string {
  return ulid(undefined, pooledRandom);
}

/** ULIDs strictly increasing within one process, even within one millisecond (message order). */
export function newMonotonicUlid(): ULIDFactory {
  return monotonicFactory(pooledRandom);
}
