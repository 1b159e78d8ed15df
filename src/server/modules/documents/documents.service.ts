import { randomUUID } from 'node:crypto';
import type { PatientScope } from '../../platform/access/scope.ts';
import type { RequestOrigin } from '../../platform/audit/audit.ts';
import { dateInZone } from '../../platform/calendar.ts';
import { toDbTime } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import type { Session } from '../../platform/session/sessions.ts';
import type { DocumentCenter, PatientDocument } from '../../../shared/documents.ts';
import type { FhirService } from '../fhir/fhir.service.ts';
import type { RecordsService } from '../records/records.service.ts';
import { DocumentStore } from './document-store.ts';
import { DocumentsRepository, type DocumentRow, type Handle } from './documents.repository.ts';
import { longDate, recordsSections } from './records-sections.ts';
import { recordsDocumentPdf } from './records-pdf.ts';

/** What a patient asked for in a medical record request. */
export interface RecordsAsked {
  records: string;
  fromDate?: string;
  toDate?: string;
}

/** A records document made and stored, waiting for its row to be written with the decision that releases it. */
export interface PreparedDocument {
  id: string;
  title: string;
  fileName: string;
  size: number;
  sha256: string;
  /** It holds an item proxies may not see. */
  hiddenFromProxies: boolean;
}

/**
 * Health → Documents: letters and records released to a patient, each a download, and the list of amendments noted
 * on the record. Health information staff release records here when they fulfil a record request "through this
 * portal": the document is made from the record (through the patient scope) and released in the same transaction
 * that closes the request. Documents holding an item confidential for proxies are not shown to proxies.
 */
export class DocumentsService {
  readonly repo = new DocumentsRepository();
  readonly store: DocumentStore;
  constructor(
    private readonly ctx: AppContext,
    private readonly fhir: FhirService,
    private readonly records: RecordsService,
  ) {
    this.store = new DocumentStore(ctx.config.dataDir);
  }

  async center(scope: PatientScope): Promise<DocumentCenter> {
    const [rows, amendments] = await Promise.all([
      this.repo.of(this.ctx.db.kysely, scope),
      this.records.amendments(scope),
    ]);
    return {
      documents: rows.filter((r) => this.visibleTo(scope, r)).map(presentDocument),
      amendments,
      canAsk: scope.can('message.send'),
    };
  }

  /** A document's file; another record's document, an unknown one and one hidden from the caller are all "not found". */
  async file(scope: PatientScope, documentId: string): Promise<{ row: DocumentRow; bytes: Buffer }> {
    const row = /^[0-9a-f-]{36}$/.test(documentId)
      ? await this.repo.find(this.ctx.db.kysely, scope, documentId)
      : undefined;
    if (!row || !this.visibleTo(scope, row)) throw notFound('The document');
    return { row, bytes: await this.store.read(row.id) };
  }

  /**
   * Makes the records a patient asked for as a PDF from their record (as the staff member's scope reads it) and
   * stores it; `release` then writes its row in the transaction of the decision, or `discard` removes it.
   */
  async prepareRecords(scope: PatientScope, asked: RecordsAsked): Promise<PreparedDocument> {
    const patient = await this.fhir.record(scope).patient();
    if (!patient) throw notFound();
    const { name, portalName, timeZone } = this.ctx.config.tenant.organisation;
    const { sections, itemIds } = await recordsSections(this.records, scope, asked, timeZone);
    const preparedOn = dateInZone(this.ctx.clock.now(), timeZone);
    const bytes = await recordsDocumentPdf({
      title: 'Medical records',
      patientName: patient.displayName,
      birthDate: patient.birthDate ? longDate(patient.birthDate) : null,
      organisationName: name,
      portalName,
      requested: asked.records,
      period:
        asked.fromDate || asked.toDate
          ? `${asked.fromDate ? longDate(asked.fromDate) : 'the start'} to ${asked.toDate ? longDate(asked.toDate) : 'today'}`
          : null,
      preparedOn: longDate(preparedOn),
      sections,
    });
    const secret = (await this.fhir.confidentialityFacts(scope.patientId)).filter((f) =>
      scope.confidentialForProxies(f, patient.birthDate),
    );
    const id = randomUUID();
    const stored = await this.store.save(id, bytes);
    return {
      id,
      title: `Medical records, prepared ${longDate(preparedOn)}`,
      fileName: `medical-records-${preparedOn}.pdf`,
      ...stored,
      hiddenFromProxies: secret.some((f) => itemIds.has(f.id)),
    };
  }

  /** Releases a prepared document to the patient, in the caller's transaction, audited with it. */
  async release(
    trx: Handle,
    scope: PatientScope,
    staff: Session,
    doc: PreparedDocument,
    threadId: string | null,
    hiddenFromProxies: boolean,
    origin: RequestOrigin,
  ): Promise<void> {
    await this.repo.insert(trx, {
      id: doc.id,
      patient_id: scope.patientId,
      kind: 'records',
      title: doc.title,
      file_name: doc.fileName,
      content_type: 'application/pdf',
      size: doc.size,
      sha256: doc.sha256,
      hidden_from_proxies: doc.hiddenFromProxies || hiddenFromProxies ? 1 : 0,
      thread_id: threadId,
      released_by: staff.accountId,
      released_at: toDbTime(this.ctx.clock.now()),
    });
    await scope.audit({ action: 'record.document.released', subject: { type: 'document', id: doc.id }, origin }, trx);
  }

  /** Removes a prepared document whose release did not commit. */
  discard(doc: PreparedDocument): Promise<void> {
    return this.store.discard(doc.id);
  }

  private visibleTo(scope: PatientScope, row: DocumentRow): boolean {
    return !(scope.hideConfidential && row.hidden_from_proxies === 1);
  }
}

function presentDocument(row: DocumentRow): PatientDocument {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    fileName: row.file_name,
    contentType: row.content_type,
    size: Number(row.size),
    releasedAt: row.released_at,
  };
}
