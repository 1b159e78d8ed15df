import type { ResultDetail } from '../../../shared/results.ts';
import { paths } from '../../paths.ts';

/**
 * The record item a question about this result is about. The detail does not name its resource type: a stand-alone
 * Observation is its own single component (same id); anything else is a DiagnosticReport.
 */
export function resultAboutPath(result: Pick<ResultDetail, 'id' | 'components'>): string {
  const only = result.components.length === 1 ? result.components[0] : undefined;
  const type = only && only.id === result.id ? 'Observation' : 'DiagnosticReport';
  return `${paths.messages.new}?about=${encodeURIComponent(`${type}/${result.id}`)}`;
}
