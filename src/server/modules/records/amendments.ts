import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, RecordAmendmentTable } from '../../db/schema.ts';
import type { PatientScope } from '../../platform/access/scope.ts';
import type { Amendment, ItemAmendment } from '../../../shared/documents.ts';
import { recordItemTypes } from '../../../shared/documents.ts';
import type { FhirService } from '../fhir/fhir.service.ts';

type Handle = Kysely<Database> | Transaction<Database>;
export type AmendmentRow = Selectable<RecordAmendmentTable>;

/**
 * Amendments accepted chart corrections noted on a record (written by the in-basket with its decision), read through
 * a patient scope: another record's amendments are simply not there.
 */
export class AmendmentsRepository {
  /** The scope's patient's amendments, newest first; only those on items of one FHIR type when given. */
  of(db: Handle, scope: PatientScope, itemType?: string): Promise<AmendmentRow[]> {
    let q = db.selectFrom('record_amendment').selectAll().where('patient_id', '=', scope.patientId);
    if (itemType) q = q.where('item_type', '=', itemType);
    return q.orderBy('decided_at', 'desc').orderBy('id').execute();
  }
}

/**
 * The amendments of a record as its list shows them (newest first). An amendment on an item the caller may not see
 * is left out like the item (the scope's confidentiality filter); one on an item the record no longer holds is
 * shown to callers the filter hides nothing from, without a label.
 */
export async function presentAmendments(fhir: FhirService, scope: PatientScope, rows: AmendmentRow[]) {
  const out: Amendment[] = [];
  for (const row of rows) {
    const type = recordItemTypes.find((t) => t === row.item_type);
    if (!type || !row.item_id) {
      out.push({ ...onItem(row), item: null });
      continue;
    }
    const ref = await fhir.record(scope).ref(type, row.item_id);
    if (!ref && scope.hideConfidential) continue;
    out.push({ ...onItem(row), item: { type, id: row.item_id, label: ref?.label ?? null } });
  }
  return out;
}

/**
 * Items of one FHIR type with the amendments noted on each (the field is left out when there are none). The items
 * have already passed the confidentiality filter, so their amendments may be shown with them.
 */
export function withAmendments<T extends { id: string }>(
  items: T[],
  rows: AmendmentRow[],
): (T & { amendments?: ItemAmendment[] })[] {
  if (rows.length === 0) return items;
  const byItem = new Map<string, ItemAmendment[]>();
  for (const r of rows) if (r.item_id) byItem.set(r.item_id, [...(byItem.get(r.item_id) ?? []), onItem(r)]);
  return items.map((i) => (byItem.has(i.id) ? { ...i, amendments: byItem.get(i.id) } : i));
}

function onItem(row: AmendmentRow): ItemAmendment {
  return { id: row.id, text: row.amendment, amendedAt: row.decided_at };
}
