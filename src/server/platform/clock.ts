/** Where "now" comes from. Injected everywhere so rules like "expires 45 days after the visit" are testable at their edges. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  private current: Date;
  constructor(start: Date | string) {
    this.current = new Date(start);
  }
  now(): Date {
    return new Date(this.current);
  }
  set(to: Date | string): void {
    this.current = new Date(to);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Timestamps are stored as ISO-8601 UTC strings with milliseconds on both engines, so they sort as text. */
export function toDbTime(d: Date): string {
  return d.toISOString();
}
