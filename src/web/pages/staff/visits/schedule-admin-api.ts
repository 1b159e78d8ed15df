import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { scheduleAdminSchema, type ProviderScheduleInput } from '../../../../shared/appointments.ts';
import { apiGet, apiRequest } from '../../../api/client.ts';

/** Administrators' schedules (src/shared/appointments.ts): what is defined, and saving one provider's. */
const key = ['staff', 'admin', 'schedules'] as const;

/** The record's practitioners and clinics, the visit types defined so far, and every provider's schedule. */
export function useScheduleAdmin() {
  return useQuery({
    queryKey: key,
    queryFn: ({ signal }) => apiGet('/staff/admin/schedules', scheduleAdminSchema, signal),
  });
}

/** Saves one provider's schedule (replacing the weekly hours, adding the exceptions); the reply is the new overview. */
export function useSaveSchedule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ practitionerId, body }: { practitionerId: string; body: ProviderScheduleInput }) =>
      apiRequest('PUT', `/staff/admin/schedules/${encodeURIComponent(practitionerId)}`, scheduleAdminSchema, { body }),
    onSuccess: (overview) => {
      queryClient.setQueryData(key, overview);
      // Slots and providers derive from schedules.
      void queryClient.invalidateQueries({ queryKey: ['staff', 'schedule'] });
      void queryClient.invalidateQueries({ queryKey: ['staff', 'slots'] });
    },
  });
}
