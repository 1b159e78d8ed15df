import { randomUUID } from 'node:crypto';
import type { StaffVisitNote, VisitNoteInput } from '../../../shared/appointments.ts';
import type { PatientScope } from '../../platform/access/scope.ts';
import type { RequestOrigin } from '../../platform/audit/audit.ts';
import { toDbTime } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Session } from '../../platform/session/sessions.ts';
import type { FhirService } from '../fhir/fhir.service.ts';
import { AppointmentsRepository, type NoteRow } from './appointments.repository.ts';

/**
 * Visit notes (open notes): a clinician writes a note on a visit of the record and signs it; a signed note is the
 * patient's to read at once unless the clinician holds it under one of the Cures Act's exceptions. Notes on a visit
 * the confidentiality rule hides from a proxy are hidden with the visit.
 */
export class VisitNotesService {
  private readonly repo = new AppointmentsRepository();
  constructor(
    private readonly ctx: AppContext,
    private readonly fhir: FhirService,
  ) {}

  async note(scope: PatientScope, session: Session, encounterId: string): Promise<StaffVisitNote | null> {
    if (!(await this.fhir.record(scope).item('Encounter', encounterId))) throw notFound();
    const row = await this.repo.noteByAuthor(this.ctx.db.kysely, scope, encounterId, session.accountId);
    return row ? presentNote(row) : null;
  }

  /** Saves the clinician's draft, or signs it (final: a signed note is not edited, an addendum is a new note). */
  async save(
    scope: PatientScope,
    session: Session,
    encounterId: string,
    input: VisitNoteInput,
    origin: RequestOrigin,
  ): Promise<StaffVisitNote> {
    if (!(await this.fhir.record(scope).item('Encounter', encounterId))) throw notFound();
    const db = this.ctx.db.kysely;
    const now = toDbTime(this.ctx.clock.now());
    const change = {
      text: input.text,
      status: input.sign ? ('signed' as const) : ('draft' as const),
      hold_reason: input.holdReason,
      updated_at: now,
      signed_at: input.sign ? now : null,
    };
    const existing = await this.repo.noteByAuthor(db, scope, encounterId, session.accountId);
    const id = existing?.id ?? randomUUID();
    await db.transaction().execute(async (trx) => {
      if (existing) {
        if (!(await this.repo.updateDraft(trx, scope, id, change)))
          throw new AppError('conflict', 'note_signed', 'This note is signed and can no longer be changed.');
      } else {
        const author = session.displayName || 'Your clinician';
        await this.repo.insertNote(trx, {
          id,
          patient_id: scope.patientId,
          encounter_id: encounterId,
          author_id: session.accountId,
          author_name: author,
          created_at: now,
          ...change,
        });
      }
      const action = input.sign ? 'record.visit_note.signed' : 'record.visit_note.saved';
      await scope.audit(
        {
          action,
          subject: { type: 'Encounter', id: encounterId },
          detail: { held: input.holdReason !== null },
          origin,
        },
        trx,
      );
    });
    return presentNote((await this.repo.noteByAuthor(db, scope, encounterId, session.accountId))!);
  }
}

function presentNote(r: NoteRow): StaffVisitNote {
  return {
    id: r.id,
    text: r.text,
    status: r.status,
    holdReason: r.hold_reason,
    author: r.author_name,
    signedAt: r.signed_at,
    updatedAt: r.updated_at,
  };
}
