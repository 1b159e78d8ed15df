import type { ResultDetail } from '../../../shared/results.ts';
import { paths } from '../../paths.ts';

/**
 * The record item a question about this result is about. The detail does not name its resource type: a stand-alone
 * Observation is its own single component (same id); anything else is a DiagnosticReport.
 */
export function resultRecordType(result: Pick<ResultDetail, 'id' | 'components'>): 'Observation' | 'DiagnosticReport' {
  const only = result.components.length === 1 ? result.components[0] : undefined;
  return only && only.id === result.id ? 'Observation' : 'DiagnosticReport';
}

/** The new-question page, already about this result. */
export function resultAboutPath(result: Pick<ResultDetail, 'id' | 'components'>): string {
  return `${paths.messages.new}?about=${encodeURIComponent(`${resultRecordType(result)}/${result.id}`)}`;
}
