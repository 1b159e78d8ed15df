import type { Config } from '../config.ts';
import { AccessGuard } from './access/access.ts';
import { Grants } from './access/grants.ts';
import type { Db } from '../db/connection.ts';
import { AuditLog } from './audit/audit.ts';
import type { Clock } from './clock.ts';
import { Outbox } from './outbox/outbox.ts';
import { RateLimits } from './rate-limit/rate-limit.ts';
import { Sessions } from './session/sessions.ts';

/** Everything a service may need, built once by `createContext` and passed down; there are no module-level singletons. */
export interface AppContext {
  config: Config;
  db: Db;
  clock: Clock;
  audit: AuditLog;
  /** Side effects that must not be lost (email, SMS, offers, reminders): enqueue in the same transaction as the change. */
  outbox: Outbox;
  /** Server-side sessions, shared by every app node through the database. */
  sessions: Sessions;
  /** Attempt limits on credential checks, counted before the check and shared by every app node. */
  limits: RateLimits;
  /** The one access guard for patient data, and the grant store it reads. */
  access: AccessGuard;
  /** The grant store's writes (the proxy module changes grants only through these). */
  grants: Grants;
}

export function createContext(config: Config, db: Db, clock: Clock): AppContext {
  const audit = new AuditLog(db.kysely, clock);
  const access = new AccessGuard(db.kysely, clock, config, audit);
  return {
    config,
    db,
    clock,
    audit,
    outbox: new Outbox(db, clock),
    sessions: new Sessions(db.kysely, clock, config.security),
    limits: new RateLimits(db.kysely, clock),
    access,
    grants: new Grants(access, clock),
  };
}
