import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ResultsConfig } from '../../../shared/tenant.ts';
import type { FhirService } from '../fhir/fhir.service.ts';
import { ResultsIndexer } from './results-indexer.ts';
import { ResultsRepository } from './results.repository.ts';

/**
 * Builds the results index of every patient in the store, one transaction per patient (a database that had records
 * before the index existed, or a changed reference-range table). Results already indexed keep their release, note and
 * review; results new to the index are released by the rules, and old ones are history, told to nobody.
 */
export async function reindexAllResults(
  db: Kysely<Database>,
  fhir: FhirService,
  config: ResultsConfig,
  now: () => Date,
): Promise<{ patients: number; results: number }> {
  const indexer = new ResultsIndexer(fhir, config);
  let after = '';
  let patients = 0;
  let results = 0;
  for (;;) {
    const ids = await fhir.patientIdsAfter(after, 200);
    if (!ids.length) return { patients, results };
    for (const id of ids) {
      results += await db.transaction().execute((trx) => indexer.reindexPatient(trx, id, now()));
      patients++;
    }
    after = ids[ids.length - 1]!;
  }
}

/** Whether the store holds results the index does not (an upgrade from before it existed). */
export async function resultsIndexMissing(db: Kysely<Database>, fhir: FhirService): Promise<boolean> {
  if (await new ResultsRepository().anyIndexed(db)) return false;
  return fhir.holdsAny('DiagnosticReport');
}
