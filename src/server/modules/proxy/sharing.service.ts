import { randomUUID } from 'node:crypto';
import type { PatientScope } from '../../platform/access/scope.ts';
import type { RequestOrigin } from '../../platform/audit/audit.ts';
import { toDbTime } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, badInput, isUniqueViolation, notFound } from '../../platform/errors.ts';
import type { AttemptRule } from '../../platform/rate-limit/rate-limit.ts';
import type { Session } from '../../platform/session/sessions.ts';
import type { AccountDirectory } from '../identity/account-directory.ts';
import type { ProxyService } from './proxy.service.ts';

/** Share invitations one account may send in a day (each counted before the username is looked up). */
const INVITATIONS_PER_DAY: AttemptRule = { name: 'share-invitations', points: 10, minutes: 24 * 60 };

/**
 * An adult shares their own record: invites another account holder at a level (full or view-only), sees every
 * grant they gave, and revokes at any time. Inviting and revoking ask for the password again; the other person
 * accepts or declines. A revoked grant stops working on the grantee's next request.
 */
export class SharingService {
  constructor(
    private readonly ctx: AppContext,
    private readonly proxy: ProxyService,
    private readonly accounts: AccountDirectory,
  ) {}

  async sharing(access: PatientScope) {
    const grants = await this.ctx.grants.ofPatient(access.patientId);
    const invitations = await this.proxy.repo.pendingInvitationsOfPatient(this.ctx.db.kysely, access.patientId);
    const names = await this.accounts.namesOf([
      ...grants.map((g) => g.grantee_account_id),
      ...invitations.map((i) => i.invitee_account_id),
    ]);
    return {
      grants: grants.map((g) => ({
        id: g.id,
        granteeName: names.get(g.grantee_account_id)?.displayName ?? 'Unknown account',
        level: g.level,
        relationship: g.relationship,
        kind: g.kind,
        grantedAt: g.granted_at,
        status: g.status,
        revokedAt: g.revoked_at,
      })),
      invitations: invitations.map((i) => ({
        id: i.id,
        inviteeName: names.get(i.invitee_account_id)?.displayName ?? 'Unknown account',
        level: i.level,
        relationship: i.relationship,
        createdAt: i.created_at,
      })),
    };
  }

  /**
   * Invites another account holder. The answer is the same whether the username exists or not (nothing is stored for
   * an unknown one), and each account may invite 10 times a day, counted first: no one learns who has an account.
   */
  async invite(
    access: PatientScope,
    session: Session,
    req: {
      password: string;
      username: string;
      level: 'full' | 'view_only';
      relationship: string;
      idempotencyKey: string;
    },
    origin: RequestOrigin,
  ): Promise<string> {
    const earlier = await this.proxy.repo.invitationByKey(this.ctx.db.kysely, session.accountId, req.idempotencyKey);
    if (earlier) return earlier.id; // a repeat of the same form
    await this.ctx.limits.take(INVITATIONS_PER_DAY, session.accountId);
    await this.accounts.confirmPassword(session, req.password, origin);
    const invitee = await this.accounts.patientAccountByUsername(req.username);
    if (invitee?.id === session.accountId)
      throw badInput('username', 'That is your own username. Enter the username of the person you want to share with.');
    const id = randomUUID();
    if (!invitee) {
      await this.ctx.audit.record({
        actor: access.actor,
        patientId: access.patientId,
        action: 'proxy.invitation.unmatched',
        origin,
      });
      return id;
    }
    try {
      await this.ctx.db.kysely.transaction().execute(async (trx) => {
        await this.proxy.repo.insertInvitation(trx, {
          id,
          patient_id: access.patientId,
          inviter_account_id: session.accountId,
          invitee_account_id: invitee.id,
          level: req.level,
          relationship: req.relationship,
          status: 'pending',
          created_at: toDbTime(this.ctx.clock.now()),
          idempotency_key: req.idempotencyKey,
        });
        await this.ctx.audit.record(
          {
            actor: access.actor,
            patientId: access.patientId,
            action: 'proxy.invitation.created',
            subject: { type: 'account', id: invitee.id },
            detail: { level: req.level },
            origin,
          },
          trx,
        );
        await this.accounts.notifications.toAccount(trx, {
          type: 'proxy.invitation_received',
          ref: id,
          accountId: invitee.id,
        });
      });
      return id;
    } catch (err) {
      // Two of the same form at one instant: the unique key keeps the first; this one answers with it.
      const first = isUniqueViolation(err)
        ? await this.proxy.repo.invitationByKey(this.ctx.db.kysely, session.accountId, req.idempotencyKey)
        : undefined;
      if (!first) throw err;
      return first.id;
    }
  }

  async cancelInvitation(access: PatientScope, id: string, origin: RequestOrigin): Promise<void> {
    await this.ctx.db.kysely.transaction().execute(async (trx) => {
      const inv = await this.proxy.repo.findInvitation(trx, id);
      if (!inv || inv.patient_id !== access.patientId) throw notFound('The invitation');
      if (!(await this.proxy.repo.decideInvitation(trx, id, 'cancelled', toDbTime(this.ctx.clock.now()))))
        throw new AppError('conflict', 'invitation_decided', 'This invitation was already answered.');
      await this.ctx.audit.record(
        { actor: access.actor, patientId: access.patientId, action: 'proxy.invitation.cancelled', origin },
        trx,
      );
    });
  }

  async invitationsForMe(session: Session) {
    const rows = await this.proxy.repo.pendingInvitationsFor(this.ctx.db.kysely, session.accountId);
    const names = await this.accounts.namesOf(rows.map((r) => r.inviter_account_id));
    return rows.map((r) => ({
      id: r.id,
      fromName: names.get(r.inviter_account_id)?.displayName ?? 'An account holder',
      level: r.level,
      relationship: r.relationship,
      createdAt: r.created_at,
    }));
  }

  async respond(session: Session, id: string, accept: boolean, origin: RequestOrigin): Promise<void> {
    await this.ctx.db.kysely.transaction().execute(async (trx) => {
      const inv = await this.proxy.repo.findInvitation(trx, id);
      if (!inv || inv.invitee_account_id !== session.accountId) throw notFound('The invitation');
      if (
        !(await this.proxy.repo.decideInvitation(
          trx,
          id,
          accept ? 'accepted' : 'declined',
          toDbTime(this.ctx.clock.now()),
        ))
      )
        throw new AppError('conflict', 'invitation_decided', 'This invitation was already answered or withdrawn.');
      if (accept) {
        const grantId = await this.ctx.grants.grant(trx, {
          patientId: inv.patient_id,
          granteeAccountId: session.accountId,
          kind: 'adult',
          level: inv.level,
          relationship: inv.relationship,
          grantedBy: inv.inviter_account_id,
        });
        await this.accounts.notifications.toRecord(trx, {
          type: 'record.proxy_added',
          ref: grantId,
          patientId: inv.patient_id,
          except: [session.accountId],
        });
      }
      await this.ctx.audit.record(
        {
          actor: { type: 'patient', id: session.accountId },
          patientId: inv.patient_id,
          action: accept ? 'proxy.grant.created' : 'proxy.invitation.declined',
          detail: { level: inv.level },
          origin,
        },
        trx,
      );
    });
  }

  async revoke(
    access: PatientScope,
    session: Session,
    grantId: string,
    password: string,
    origin: RequestOrigin,
  ): Promise<void> {
    await this.accounts.confirmPassword(session, password, origin);
    await this.ctx.db.kysely.transaction().execute(async (trx) => {
      const grant = await this.ctx.grants.find(trx, grantId);
      if (!grant || grant.patient_id !== access.patientId) throw notFound('The access grant');
      if (grant.kind === 'minor')
        throw new AppError(
          'forbidden',
          'minor_grant',
          'A parent’s access while you were a minor has already ended or is managed by our staff.',
        );
      if (!(await this.ctx.grants.revoke(trx, grantId, session.accountId)))
        throw new AppError('conflict', 'grant_revoked', 'This access was already revoked.');
      await this.ctx.audit.record(
        {
          actor: access.actor,
          patientId: access.patientId,
          action: 'proxy.grant.revoked',
          subject: { type: 'account', id: grant.grantee_account_id },
          origin,
        },
        trx,
      );
    });
  }
}
