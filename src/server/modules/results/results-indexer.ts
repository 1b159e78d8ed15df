import type { DiagnosticReport, Encounter, Observation, Patient } from '@medplum/fhirtypes';
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Database, LabResultTable, LabResultValueTable } from '../../db/schema.ts';
import type { ResultsConfig } from '../../../shared/tenant.ts';
import type { ResultFlag } from '../../../shared/results.ts';
import type { ImportListener } from '../fhir/fhir-import.service.ts';
import type { FhirService } from '../fhir/fhir.service.ts';
import {
  categoriesOf,
  conceptText,
  effectiveOf,
  interpretationOf,
  isLaboratory,
  isResultReport,
  labelsOf,
  loincOf,
  normalise,
  reportedRangeOf,
  valueTextOf,
} from './lab-fhir.ts';
import { ResultsRepository } from './results.repository.ts';
import { ageAt, flagOf, isOutOfRange, ReferenceRanges, worstFlag, type RangeSubject } from './reference-ranges.ts';

type Handle = Kysely<Database> | Transaction<Database>;

const DAY_MS = 86_400_000;

/** A result and its values as the index stores them (release columns decided separately). */
export interface IndexedResult {
  row: Omit<Insertable<LabResultTable>, 'visible_from' | 'hold_reason' | 'news' | 'notified_at' | 'indexed_at'>;
  values: Insertable<LabResultValueTable>[];
  /** Category codes of the report (for the release rules). */
  categories: string[];
}

/**
 * Keeps the results index (lab_result, lab_result_value) true to the record: after each import, a patient's
 * laboratory reports and stand-alone laboratory observations are read back from the clinical store (in the import's
 * transaction) and indexed with their plain names, ranges and flags. A result seen for the first time gets its
 * release decided by the organisation's rules; a result already indexed keeps its release, note and review.
 */
export class ResultsIndexer {
  private readonly ranges: ReferenceRanges;
  private readonly repo = new ResultsRepository();
  constructor(
    private readonly fhir: FhirService,
    private readonly config: ResultsConfig,
  ) {
    this.ranges = new ReferenceRanges(config);
  }

  async reindexPatient(trx: Handle, patientId: string, now: Date): Promise<number> {
    const results = await this.build(trx, patientId);
    if (!results.length) return 0;
    const known = new Set(await this.repo.indexedIds(trx, patientId));
    const at = now.toISOString();
    for (const r of results) {
      if (known.has(r.row.id)) await this.repo.updateFacts(trx, r.row);
      else await this.repo.insertIndexed(trx, { ...r.row, ...this.release(r, now), indexed_at: at });
      await this.repo.replaceValues(trx, r.row.id, r.values);
    }
    return results.length;
  }

  /**
   * The release of a new result (21st Century Cures Act): at once when it is final, unless a hold rule matches —
   * then after the rule's days (counted from when it was resulted) or, without days, when a clinician releases it.
   * A result released long after it was resulted is history, not news: it is marked told without a notice.
   */
  release(r: IndexedResult, now: Date): Pick<LabResultTable, 'visible_from' | 'hold_reason' | 'news' | 'notified_at'> {
    const resulted = r.row.resulted_at ?? r.row.collected_at ?? now.toISOString();
    const hold = this.config.holds.find(
      (h) => r.categories.some((c) => h.categories.includes(c)) || (r.row.code && h.codes.includes(r.row.code)),
    );
    const visibleFrom = !hold
      ? resulted
      : hold.releaseAfterDays === null
        ? null
        : new Date(Date.parse(resulted) + hold.releaseAfterDays * DAY_MS).toISOString();
    const news = Date.parse(resulted) > now.getTime() - this.config.notifyWithinDays * DAY_MS;
    return {
      visible_from: visibleFrom,
      hold_reason: hold?.label ?? null,
      news: news ? 1 : 0,
      notified_at: news ? null : now.toISOString(),
    };
  }

  /** Every result of a patient, built from the clinical store as the import left it. */
  private async build(trx: Handle, patientId: string): Promise<IndexedResult[]> {
    const [reportRows, observationRows, encounterRows, patient] = await Promise.all([
      this.fhir.recordItems(patientId, 'DiagnosticReport', 100_000, trx),
      this.fhir.recordItems(patientId, 'Observation', 100_000, trx),
      this.fhir.recordItems(patientId, 'Encounter', 100_000, trx),
      this.fhir.resource('Patient', patientId, trx) as Promise<Patient | null>,
    ]);
    const reports = reportRows.map((r) => r.resource as unknown as DiagnosticReport).filter(isResultReport);
    const labs = new Map(
      observationRows
        .map((r) => r.resource as unknown as Observation)
        .filter(isLaboratory)
        .map((o) => [o.id!, o]),
    );
    const encounters = new Map(encounterRows.map((r) => [r.id, r.resource as unknown as Encounter]));
    const names = await this.fhir.namesOf(
      [...encounters.values()].flatMap((e) => [
        e.serviceProvider?.reference,
        ...(e.participant ?? []).map((p) => p.individual?.reference),
      ]),
      trx,
    );
    const subject = (at: string | null): RangeSubject => ({
      sex: patient?.gender ?? null,
      age: ageAt(patient?.birthDate ?? null, at),
    });
    const context = (encounterRef: string | undefined) => {
      const encounter = encounterRef ? encounters.get(encounterRef.replace(/^Encounter\//, '')) : undefined;
      const provider = encounter?.serviceProvider?.reference;
      const clinician = encounter?.participant?.find((p) => p.individual?.reference)?.individual?.reference;
      return {
        encounter_id: encounter?.id ?? null,
        organisation_id: provider?.startsWith('Organization/') ? provider.slice('Organization/'.length) : null,
        hospital: this.config.hospitalEncounterClasses.includes(encounter?.class?.code ?? '') ? 1 : 0,
        ordered_by: (clinician && names.get(clinician)) || null,
        performer: (provider && names.get(provider)) || null,
      };
    };

    const inReports = new Set<string>();
    const out: IndexedResult[] = [];
    for (const report of reports) {
      const members = (report.result ?? [])
        .map((ref) => labs.get(ref.reference?.replace(/^Observation\//, '') ?? ''))
        .filter((o): o is Observation => o !== undefined);
      for (const m of members) inReports.add(m.id!);
      const collected = effectiveOf(report) ?? effectiveOf(members[0]);
      const values = members.map((o, i) =>
        this.value(o, report.id!, i, patientId, subject(effectiveOf(o) ?? collected)),
      );
      const code = loincOf(report.code);
      out.push({
        row: {
          id: report.id!,
          resource_type: 'DiagnosticReport',
          patient_id: patientId,
          ...this.naming(code, report.code, values),
          code,
          category: categoriesOf(report)[0] ?? null,
          code_system: report.code?.coding?.[0]?.system ?? null,
          security_labels: labelsOf(report),
          collected_at: collected,
          resulted_at: report.issued ? normalise(report.issued) : collected,
          sort_at: collected ?? (report.issued ? normalise(report.issued) : ''),
          ...summaryOf(values),
          ...context(report.encounter?.reference),
          ...performerOverride(report, names),
          conclusion: report.conclusion ?? null,
        },
        values,
        categories: categoriesOf(report),
      });
    }
    for (const o of labs.values()) {
      if (inReports.has(o.id!)) continue;
      const collected = effectiveOf(o);
      const value = this.value(o, o.id!, 0, patientId, subject(collected));
      const code = loincOf(o.code);
      out.push({
        row: {
          id: o.id!,
          resource_type: 'Observation',
          patient_id: patientId,
          ...this.naming(code, o.code, [value]),
          code,
          category: 'laboratory',
          code_system: o.code?.coding?.[0]?.system ?? null,
          security_labels: labelsOf(o),
          collected_at: collected,
          resulted_at: o.issued ? normalise(o.issued) : collected,
          sort_at: collected ?? (o.issued ? normalise(o.issued) : ''),
          ...summaryOf([value]),
          ...context(o.encounter?.reference),
          conclusion: null,
        },
        values: [value],
        categories: [],
      });
    }
    return out;
  }

  private naming(
    code: string | null,
    concept: { text?: string; coding?: { display?: string }[] } | undefined,
    values: LabValue[],
  ): { name: string; search_text: string } {
    const name = this.ranges.nameOf(code) ?? conceptText(concept) ?? 'Test result';
    const words = [name, conceptText(concept) ?? '', ...values.map((v) => v.name)];
    return { name, search_text: words.join(' ').toLowerCase() };
  }

  /** One value of a result with its flag against the range that applies to this patient on that day. */
  private value(
    o: Observation,
    resultId: string,
    position: number,
    patientId: string,
    subject: RangeSubject,
  ): LabValue {
    const code = loincOf(o.code);
    const unit = o.valueQuantity?.unit ?? o.valueQuantity?.code ?? null;
    const value = typeof o.valueQuantity?.value === 'number' ? o.valueQuantity.value : null;
    const range = this.ranges.rangeFor(code, unit, subject, reportedRangeOf(o));
    const interpreted = interpretationOf(o);
    return {
      id: o.id!,
      result_id: resultId,
      position,
      patient_id: patientId,
      code,
      name: this.ranges.nameOf(code) ?? conceptText(o.code) ?? 'Value',
      value,
      value_text: value === null ? valueTextOf(o) : null,
      unit,
      flag: flagOf(value, range) ?? interpreted,
      at: effectiveOf(o) ?? (o.issued ? normalise(o.issued) : ''),
    };
  }
}

type LabValue = Insertable<LabResultValueTable> & { name: string; flag: ResultFlag | null };

function summaryOf(values: LabValue[]): Pick<LabResultTable, 'flag' | 'out_of_range' | 'component_count'> {
  return {
    flag: worstFlag(values.map((v) => v.flag)),
    out_of_range: values.filter((v) => isOutOfRange(v.flag)).length,
    component_count: values.length,
  };
}

/** The performing laboratory when the report names one (else the visit's organisation stands). */
function performerOverride(report: DiagnosticReport, names: Map<string, string>): { performer?: string } {
  const named = report.performer?.find((p) => p.display || (p.reference && names.get(p.reference)));
  if (!named) return {};
  return { performer: named.display ?? names.get(named.reference!)! };
}

/** The import listener that keeps the results index of each imported patient true to the record. */
export function resultsIndexListener(fhir: FhirService, config: ResultsConfig): ImportListener {
  const indexer = new ResultsIndexer(fhir, config);
  return async (trx, patientIds, now) => {
    for (const patientId of patientIds) await indexer.reindexPatient(trx, patientId, now);
  };
}
