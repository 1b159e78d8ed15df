import type { PatientScope } from '../../platform/access/scope.ts';
import type { Chart } from '../../../shared/chart.ts';
import type { FhirService } from '../fhir/fhir.service.ts';
import type { RecordsService } from './records.service.ts';

/** How many of the latest visits the chart lists. */
export const CHART_VISITS = 5;

/** Allergy statuses that no longer apply to today's decisions. */
const ENDED_ALLERGY = new Set(['inactive', 'resolved']);

/**
 * The chart beside a work item: what a clinician or nurse needs in view to answer a patient's message or decide a
 * refill — current medications, allergies still in force, active problems and the latest visits. It reads the same
 * record, through the same scope and with the same wording, as the patient's Health pages (records.service.ts), so
 * the care team and the patient read one record. The guard audits the read before it leaves (record.chart.read).
 */
export class ChartService {
  constructor(
    private readonly records: RecordsService,
    private readonly fhir: FhirService,
  ) {}

  async chart(scope: PatientScope): Promise<Chart> {
    const [medications, allergies, issues, visits] = await Promise.all([
      this.records.medications(scope),
      this.records.allergies(scope),
      this.records.healthIssues(scope),
      this.fhir.visitsOf(scope.patientId, CHART_VISITS + 1),
    ]);
    return {
      medications: medications.current.map((m) => ({
        id: m.id,
        name: m.name,
        packageSize: m.packageSize,
        instructions: m.instructions,
      })),
      allergies: allergies.items
        .filter((a) => !ENDED_ALLERGY.has(a.status ?? ''))
        .map((a) => ({ id: a.id, substance: a.substance, reactions: a.reactions })),
      problems: issues.active.map((p) => ({ id: p.id, name: p.name, since: p.onsetDate })),
      visits: visits
        .filter((v) => v.start)
        .slice(0, CHART_VISITS)
        .map((v) => ({ id: v.id, start: v.start, kind: v.kind, reason: v.reason })),
      moreVisits: visits.length > CHART_VISITS,
    };
  }
}
