import { randomUUID } from 'node:crypto';
import type { RequestOrigin } from '../../platform/audit/audit.ts';
import { toDbTime } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import type { Session } from '../../platform/session/sessions.ts';
import '../../platform/sms/sms.ts';
import {
  inboxNotificationTypes,
  notificationCatalogue,
  type NotificationInbox,
  type NotificationSettings,
  type NotificationType,
  type UpdateNotificationSettings,
} from '../../../shared/notifications.ts';
import { emailOf, renderNotification, type Audience, type ParamsOf } from './notification-messages.ts';
import { NotificationsRepository, type Handle } from './notifications.repository.ts';

/** An account's contact details as notifications need them. Only verified contacts receive anything. */
export interface RecipientContact {
  accountId: string;
  realm: 'patient' | 'staff';
  /** The account holder's own record, if any. */
  patientId: string | null;
  email: string | null;
  emailVerified: boolean;
  phone: string | null;
  phoneVerified: boolean;
}

/** Where notifications find accounts: the identity module provides it (so this module does not import identity). */
export interface RecipientDirectory {
  contactOf(trx: Handle, accountId: string): Promise<RecipientContact | null>;
  accountOfPatient(trx: Handle, patientId: string): Promise<string | null>;
}

interface Base<T extends NotificationType> {
  type: T;
  /**
   * What happened, by id (a work item, a grant, a code): with the type and recipient it makes the dedupe key, so
   * the same event never notifies twice. Ids and event names only — it reaches mail headers.
   */
  ref: string;
}
type WithParams<T extends NotificationType> =
  ParamsOf<T> extends undefined ? { params?: undefined } : { params: ParamsOf<T> };

/** To one account (about their account, or about a record they manage when `patientId` is another's). */
export type AccountNotice<T extends NotificationType> = Base<T> &
  WithParams<T> & { accountId: string; patientId?: string | null };
/** To everyone who holds a record: the patient's own account and every proxy whose grant is in force. */
export type RecordNotice<T extends NotificationType> = Base<T> &
  WithParams<T> & {
    patientId: string;
    /** Accounts not to tell (the one who caused it). */
    except?: string[];
    /** The item is hidden from proxies (adolescent confidentiality): only the patient is told. */
    hiddenFromProxies?: boolean;
  };
/** To one address (a code, the answer to a form); never the bell. */
export type AddressNotice<T extends NotificationType> = Base<T> &
  WithParams<T> & { to: { email?: string | undefined; phone?: string | undefined } };

/**
 * The notification system every feature uses. A feature calls `toAccount`, `toRecord` or `toAddress` inside the
 * transaction of its change; this adds the bell item and queues the email and text on the outbox in that same
 * transaction, so a notification exists exactly when the change committed and is delivered at least once.
 * Channels follow the recipient's choices (opt-in per event and channel), security events go to every verified
 * contact, and nothing goes to an unverified one. Proxies are told according to their own choices.
 */
export class NotificationService {
  private readonly repo = new NotificationsRepository();
  constructor(
    private readonly ctx: AppContext,
    private readonly recipients: RecipientDirectory,
  ) {}

  async toAccount<T extends NotificationType>(trx: Handle, n: AccountNotice<T>): Promise<void> {
    const contact = await this.recipients.contactOf(trx, n.accountId);
    if (!contact || contact.realm !== 'patient') return; // staff are told in their work queues
    const entry = notificationCatalogue[n.type];
    const patientId = n.patientId ?? null;
    const key = `n:${n.type}:${n.ref}:${contact.accountId}`;
    if (entry.delivery !== 'direct') {
      await this.repo.insertItem(trx, {
        id: randomUUID(),
        account_id: contact.accountId,
        event_type: n.type,
        patient_id: patientId,
        dedupe_key: key,
        created_at: toDbTime(this.ctx.clock.now()),
        read_at: null,
      });
    }
    let channels = { email: true, sms: true };
    if (entry.delivery === 'choice') {
      const pref = await this.repo.preferenceOf(trx, contact.accountId, n.type);
      channels = { email: pref?.email === 1, sms: pref?.sms === 1 };
    }
    const audience: Audience = patientId !== null && patientId !== contact.patientId ? 'proxy' : 'self';
    await this.send(trx, key, n.type, n.params as ParamsOf<T>, audience, {
      email: channels.email && contact.emailVerified ? contact.email : null,
      phone: channels.sms && contact.phoneVerified ? contact.phone : null,
    });
  }

  async toRecord<T extends NotificationType>(trx: Handle, n: RecordNotice<T>): Promise<void> {
    const accounts: string[] = [];
    const own = await this.recipients.accountOfPatient(trx, n.patientId);
    if (own) accounts.push(own);
    if (!n.hiddenFromProxies)
      for (const g of await this.ctx.grants.inForceForPatient(trx, n.patientId)) accounts.push(g.grantee_account_id);
    for (const accountId of new Set(accounts)) {
      if (n.except?.includes(accountId)) continue;
      await this.toAccount(trx, {
        type: n.type,
        ref: n.ref,
        accountId,
        patientId: n.patientId,
        params: n.params,
      } as AccountNotice<T>);
    }
  }

  async toAddress<T extends NotificationType>(trx: Handle, n: AddressNotice<T>): Promise<void> {
    await this.send(trx, `n:${n.type}:${n.ref}`, n.type, n.params as ParamsOf<T>, 'self', {
      email: n.to.email ?? null,
      phone: n.to.phone ?? null,
    });
  }

  private async send<T extends NotificationType>(
    trx: Handle,
    key: string,
    type: T,
    params: ParamsOf<T>,
    audience: Audience,
    to: { email: string | null; phone: string | null },
  ): Promise<void> {
    if (!to.email && !to.phone) return;
    const rendered = renderNotification(type, params, audience, this.ctx.config);
    // Security alerts and codes are never held back behind routine news (a flood of those must not delay them).
    const urgent = notificationCatalogue[type].delivery !== 'choice' ? { urgent: true } : {};
    if (to.email)
      await this.ctx.outbox.enqueue(trx, {
        topic: 'email.send',
        dedupeKey: `${key}:email`,
        payload: { to: to.email, ...emailOf(rendered, this.ctx.config), ...urgent },
      });
    if (to.phone)
      await this.ctx.outbox.enqueue(trx, {
        topic: 'sms.send',
        dedupeKey: `${key}:sms`,
        payload: { to: to.phone, text: rendered.sms, ...urgent },
      });
  }

  // ----- the account holder's side

  async settings(session: Session): Promise<NotificationSettings> {
    const db = this.ctx.db.kysely;
    const contact = await this.recipients.contactOf(db, session.accountId);
    if (!contact) throw notFound('The account');
    const prefs = new Map((await this.repo.preferencesOf(db, session.accountId)).map((p) => [p.event_type, p]));
    return {
      contacts: {
        email: contact.email,
        emailVerified: contact.emailVerified,
        phone: contact.phone,
        phoneVerified: contact.phoneVerified,
      },
      preferences: inboxNotificationTypes.map((type) => {
        const { group, delivery } = notificationCatalogue[type];
        const p = prefs.get(type);
        const always = delivery === 'security';
        return { type, group, delivery, email: always || p?.email === 1, sms: always || p?.sms === 1 };
      }),
    };
  }

  async updateSettings(
    session: Session,
    req: UpdateNotificationSettings,
    origin: RequestOrigin,
  ): Promise<NotificationSettings> {
    const { ctx } = this;
    const now = toDbTime(ctx.clock.now());
    await ctx.db.kysely.transaction().execute(async (trx) => {
      for (const p of req.preferences)
        await this.repo.savePreference(trx, {
          account_id: session.accountId,
          event_type: p.type,
          email: p.email ? 1 : 0,
          sms: p.sms ? 1 : 0,
          updated_at: now,
        });
      await ctx.audit.record(
        {
          actor: { type: 'patient', id: session.accountId },
          patientId: session.patientId,
          action: 'account.notifications.changed',
          detail: { events: req.preferences.length },
          origin,
        },
        trx,
      );
    });
    return this.settings(session);
  }

  /**
   * The bell: newest first. Items about a record the account may no longer act for (a proxy grant that ended) are
   * left out, as are types the catalogue no longer has.
   */
  async inbox(session: Session, limit: number): Promise<NotificationInbox> {
    const db = this.ctx.db.kysely;
    const visible = await this.visibleRecords(session);
    const shown = (r: { patient_id: string | null; event_type?: string }) =>
      r.patient_id === null || visible.has(r.patient_id);
    const rows = (await this.repo.itemsOf(db, session.accountId, limit)).filter(
      (r) => r.event_type in notificationCatalogue && shown(r),
    );
    const unread = (await this.repo.unreadItemsOf(db, session.accountId)).filter(
      (r) => r.event_type in notificationCatalogue && shown(r),
    ).length;
    return {
      unread,
      items: rows.map((r) => {
        const type = r.event_type as NotificationType;
        return {
          id: r.id,
          type,
          patientId: r.patient_id,
          link: notificationCatalogue[type].link,
          createdAt: r.created_at,
          readAt: r.read_at,
        };
      }),
    };
  }

  async markRead(session: Session, id: string): Promise<void> {
    if (!(await this.repo.markRead(this.ctx.db.kysely, session.accountId, id, toDbTime(this.ctx.clock.now()))))
      throw notFound('The notification');
  }

  async markAllRead(session: Session): Promise<void> {
    await this.repo.markAllRead(this.ctx.db.kysely, session.accountId, toDbTime(this.ctx.clock.now()));
  }

  private async visibleRecords(session: Session): Promise<Set<string>> {
    const ids = new Set<string>();
    if (session.patientId) ids.add(session.patientId);
    for (const g of await this.ctx.grants.inForceFor(session.accountId)) ids.add(g.patient_id);
    return ids;
  }
}
