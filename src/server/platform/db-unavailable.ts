/**
 * Whether an error means the database cannot be reached or cannot answer in time — a temporary condition the
 * client should retry (503), not a fault in Lantern (500). Covers both engines:
 * - PostgreSQL: connection refused/reset/timed out, the pool's acquisition timeout, a connection ended or lost
 *   mid-query, the server shutting down or not accepting connections (SQLSTATE classes 08 and 57P0x, 53300 too many
 *   connections), and `statement_timeout` (57014 query_canceled) or the client's `query_timeout`.
 * - SQLite: the file locked past the busy timeout (SQLITE_BUSY, SQLITE_LOCKED), or unreadable/full (SQLITE_IOERR,
 *   SQLITE_FULL, SQLITE_CANTOPEN).
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : '';
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN'].includes(code))
    return true;
  if (/^08/.test(code) || /^57P0/.test(code) || code === '57014' || code === '53300') return true;
  if (/^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN)/.test(code)) return true;
  return (
    /timeout exceeded when trying to connect/i.test(message) ||
    /Connection terminated/i.test(message) ||
    /Query read timeout/i.test(message) ||
    /Client has encountered a connection error/i.test(message) ||
    /connection (is )?(closed|ended)/i.test(message)
  );
}
