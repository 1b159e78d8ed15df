import { randomUUID } from 'node:crypto';
import type { RequestOrigin } from '../../platform/audit/audit.ts';
import { addDaysToDate, dateInZone, hasReachedAge, startOfDayInZone } from '../../platform/calendar.ts';
import { toDbTime } from '../../platform/clock.ts';
import { normaliseCode, readableCode, sha256 } from '../../platform/crypto.ts';
import { AppError, badInput, isUniqueViolation, notFound } from '../../platform/errors.ts';
import type { Session } from '../../platform/session/sessions.ts';
import type { SignupRequest } from '../../../shared/identity.ts';
import { hashPassword, normaliseUsername } from './credentials.ts';
import type { IdentityDeps } from './identity.deps.ts';
import { passwordProblem } from './password-policy.ts';
import { LIMITS } from './attempt-limits.ts';
import { sendContactVerification } from './contact-verification.ts';

export interface IssuedCode {
  code: string;
  patientId: string;
  visitDate: string;
  /** The last day the code works (visit date + 45 days, in the organisation's calendar). */
  lastValidDate: string;
}

/**
 * Activation codes: issued by staff at a visit, valid through day 45 after that visit (the FAQ: "expires 45 days
 * from the date of your visit"), used once, and only for a patient who is 18 or older by then.
 */
export class ActivationService {
  constructor(private readonly d: IdentityDeps) {}

  /** One account per patient: whether this patient already has one (front desk shows it before issuing a code). */
  async hasAccount(patientId: string): Promise<boolean> {
    return Boolean(await this.d.repo.findAccountByPatient(this.d.ctx.db.kysely, patientId));
  }

  /**
   * When the patient's record joined the portal: their own account's opening, else (a child's record) the first
   * proxy access given to it. The FAQ's scheduling rule counts visits after this. Null: not in the portal.
   */
  async portalOpenedAt(patientId: string): Promise<string | null> {
    const own = await this.d.repo.findAccountByPatient(this.d.ctx.db.kysely, patientId);
    if (own) return own.created_at;
    const grants = await this.d.ctx.grants.ofPatient(patientId);
    return grants.map((g) => g.granted_at).sort()[0] ?? null;
  }

  async issueCode(
    staff: Session,
    patientId: string,
    encounterId: string | undefined,
    origin: RequestOrigin,
  ): Promise<IssuedCode> {
    const { ctx, fhir, repo } = this.d;
    const tenant = ctx.config.tenant;
    const patient = await fhir.getPatient(patientId);
    if (!patient) throw notFound('The patient');
    const today = dateInZone(ctx.clock.now(), tenant.organisation.timeZone);
    let visitDate = today;
    if (encounterId) {
      const visit = (await fhir.visitsOf(patientId, 500)).find((v) => v.id === encounterId);
      if (!visit) throw badInput('encounterId', 'That visit is not in this patient’s record.');
      visitDate = dateInZone(new Date(visit.start), tenant.organisation.timeZone);
      if (visitDate > today)
        throw badInput('encounterId', 'A code can only be issued for a visit that has taken place.');
    }
    const lastValidDate = addDaysToDate(visitDate, tenant.rules.activationCodeValidDays);
    if (lastValidDate < today)
      throw badInput(
        'encounterId',
        `Codes expire ${tenant.rules.activationCodeValidDays} days after the visit; this visit is too long ago. Choose a recent visit or today.`,
      );
    if (patient.birthDate && !hasReachedAge(patient.birthDate, tenant.rules.proxyMinorAgeLimit, lastValidDate)) {
      throw new AppError(
        'conflict',
        'patient_is_minor',
        `Patients under ${tenant.rules.proxyMinorAgeLimit} cannot have their own account; a parent or guardian uses proxy access.`,
      );
    }
    if (await repo.findAccountByPatient(ctx.db.kysely, patientId))
      throw new AppError(
        'conflict',
        'account_exists',
        'This patient already has an account. Help them recover it instead.',
      );

    const code = readableCode(3);
    const now = toDbTime(ctx.clock.now());
    await ctx.db.kysely.transaction().execute(async (trx) => {
      await repo.revokeOpenActivationCodes(trx, patientId, now);
      await repo.insertActivationCode(trx, {
        id: randomUUID(),
        code_hash: sha256(normaliseCode(code)),
        patient_id: patientId,
        encounter_id: encounterId ?? null,
        visit_date: visitDate,
        expires_at: toDbTime(startOfDayInZone(addDaysToDate(lastValidDate, 1), tenant.organisation.timeZone)),
        issued_by: staff.accountId,
        issued_at: now,
        used_at: null,
        used_by: null,
        revoked_at: null,
      });
      await ctx.audit.record(
        {
          actor: { type: 'staff', id: staff.accountId, role: staff.staffRole ?? undefined },
          patientId,
          action: 'identity.activation_code.issued',
          origin,
        },
        trx,
      );
    });
    return { code, patientId, visitDate, lastValidDate };
  }

  /** Creates the patient's account from a valid code and their birth date. Returns the new account id. */
  async signUp(req: SignupRequest, origin: RequestOrigin): Promise<string> {
    const { ctx, repo, fhir } = this.d;
    const tenant = ctx.config.tenant;
    const ipKey = origin.ip ?? 'unknown';
    await ctx.limits.take(LIMITS.activationPerAddress, ipKey); // counted before the code is looked at
    const code = await repo.findActivationCode(ctx.db.kysely, sha256(normaliseCode(req.activationCode)));
    const patient = code ? await fhir.getPatient(code.patient_id) : null;
    const invalid = async (): Promise<never> => {
      await ctx.audit.record({
        actor: { type: 'anonymous', id: null },
        action: 'identity.signup.refused',
        outcome: 'failure',
        origin,
      });
      throw new AppError(
        'validation_failed',
        'activation_code_invalid',
        'That activation code and date of birth do not match our records. Check both, or request a new code.',
        'activationCode',
      );
    };
    if (!code || !patient || code.revoked_at || patient.birthDate !== req.dateOfBirth) return invalid();
    if (code.used_at)
      throw new AppError(
        'gone',
        'activation_code_used',
        'This activation code has already been used. Sign in, or request a new code if you did not use it.',
        'activationCode',
      );
    const now = ctx.clock.now();
    if (now.getTime() >= Date.parse(code.expires_at)) {
      throw new AppError(
        'gone',
        'activation_code_expired',
        `This activation code has expired (codes work for ${tenant.rules.activationCodeValidDays} days after your visit). Request a new code.`,
        'activationCode',
      );
    }
    const today = dateInZone(now, tenant.organisation.timeZone);
    if (!hasReachedAge(req.dateOfBirth, tenant.rules.proxyMinorAgeLimit, today)) {
      throw new AppError(
        'forbidden',
        'patient_is_minor',
        `Patients under ${tenant.rules.proxyMinorAgeLimit} cannot have their own account yet. A parent or guardian can use proxy access; you can sign up from your ${tenant.rules.proxyMinorAgeLimit}th birthday.`,
      );
    }
    if (await repo.findAccountByPatient(ctx.db.kysely, patient.id))
      throw new AppError(
        'conflict',
        'account_exists',
        'An account already exists for this patient. Each person has one account; sign in or recover it.',
      );
    const username = normaliseUsername(req.username);
    if (await repo.findAccountByUsername(ctx.db.kysely, 'patient', username))
      throw new AppError('conflict', 'username_taken', 'That username is taken. Please choose another.', 'username');
    const problem = passwordProblem(req.password, ctx.config.security.passwordMinLength, {
      username,
      names: [...patient.givenNames, patient.familyName],
    });
    if (problem) throw badInput('password', problem);

    const passwordHash = await hashPassword(req.password, ctx.config.security.passwordHashCost);
    const accountId = randomUUID();
    await ctx.db.kysely
      .transaction()
      .execute(async (trx) => {
        await repo.insertAccount(trx, {
          id: accountId,
          realm: 'patient',
          username,
          username_display: req.username.trim(),
          password_hash: passwordHash,
          patient_id: patient.id,
          display_name: patient.displayName,
          email: req.email ?? null,
          phone: req.phone ?? null,
          status: 'active',
          password_changed_at: toDbTime(now),
          created_at: toDbTime(now),
        });
        if (!(await repo.useActivationCode(trx, code.id, toDbTime(now), accountId))) {
          throw new AppError(
            'gone',
            'activation_code_used',
            'This activation code has already been used.',
            'activationCode',
          );
        }
        await ctx.audit.record(
          {
            actor: { type: 'patient', id: accountId },
            patientId: patient.id,
            action: 'identity.account.created',
            origin,
          },
          trx,
        );
        if (req.email) await sendContactVerification(this.d, trx, accountId, 'email', req.email);
        if (req.phone) await sendContactVerification(this.d, trx, accountId, 'phone', req.phone);
      })
      .catch((err: unknown) => {
        // Two sign-ups racing: the unique indexes on patient and username decide, not an earlier `if`.
        if (isUniqueViolation(err))
          throw new AppError(
            'conflict',
            'account_exists',
            'An account already exists for this patient, or that username was just taken.',
          );
        throw err;
      });
    await ctx.limits.giveBack(LIMITS.activationPerAddress, ipKey);
    return accountId;
  }
}
