import { useQuery } from '@tanstack/react-query';
import { chartSchema } from '../../../../shared/chart.ts';
import { apiGet } from '../../../api/client.ts';

/** The patient's chart for the care team (src/shared/chart.ts); each fetch is a read the patient's access log shows. */
export function usePatientChart(patientId: string) {
  return useQuery({
    queryKey: ['staff', 'patients', patientId, 'chart'],
    queryFn: ({ signal }) => apiGet(`/staff/patients/${encodeURIComponent(patientId)}/chart`, chartSchema, signal),
  });
}
