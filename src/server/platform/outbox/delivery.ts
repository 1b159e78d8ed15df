/**
 * What delivery handlers (email, SMS) share with the outbox that calls them, in a file of its own so that neither
 * imports the other.
 */

/** What a handler knows about the delivery besides the payload. */
export interface Delivery {
  id: string;
  topic: string;
  dedupeKey: string;
  /** Failed attempts before this one. */
  attempts: number;
  /** Aborted when the handler runs past its time limit; pass it on to network calls. */
  signal: AbortSignal;
}

/** A failure retrying cannot fix (a malformed payload): the message goes straight to dead. */
export class PermanentDeliveryError extends Error {
  override name = 'PermanentDeliveryError';
}

/**
 * Not now, and not a failure: deliver again at `until` without counting an attempt (a recipient's rate limit,
 * a gateway asking to slow down). The message never goes dead this way.
 */
export class DeferDeliveryError extends Error {
  override name = 'DeferDeliveryError';
  constructor(
    readonly until: Date,
    reason: string,
  ) {
    super(reason);
  }
}

/** pino-compatible subset, so `app.log` can be passed in; fields never carry payloads. */
export interface OutboxLogger {
  info(fields: object, msg: string): void;
  warn(fields: object, msg: string): void;
  error(fields: object, msg: string): void;
}
