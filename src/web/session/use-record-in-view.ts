import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import type { RecordItem } from '../../shared/proxy.ts';
import { ApiError } from '../api/client.ts';
import { proxyKeys, useRecords } from '../api/proxy.ts';
import { useSession } from '../api/session.ts';
import {
  dismissLostRecordNote,
  loseRecordInView,
  recordInViewSnapshot,
  selectRecord,
  subscribeToRecordInView,
  type LostRecord,
} from './record-in-view-state.ts';

const noRecords: RecordItem[] = [];

export interface RecordInView {
  /** The patient whose record the pages show: the signed-in patient's own unless they switched. */
  patientId: string | null;
  ownPatientId: string | null;
  isOwn: boolean;
  /** The record in view as the switcher lists it (name, relationship, level, end date), once loaded. */
  record: RecordItem | undefined;
  /** Every record this account may see, its own first. */
  records: RecordItem[];
  /** A record that was in view until its access ended, to say so. */
  lost: LostRecord | null;
  switchTo: (patientId: string) => void;
  backToOwn: () => void;
  dismissLost: () => void;
}

/**
 * The record in view for a signed-in patient page: whose record every page shows and every message,
 * appointment and payment is made for (the rule: a question about a family member is asked from
 * that person's record). Use it only under the patient session guard or in the signed-in header.
 */
export function useRecordInView(): RecordInView {
  const session = useSession('patient').data;
  const signedIn = session?.stage === 'full';
  const accountId = session?.account.id ?? '';
  const ownPatientId = session?.account.patientId ?? null;
  const state = useSyncExternalStore(subscribeToRecordInView, recordInViewSnapshot);
  const recordsQuery = useRecords(signedIn);
  const chosen = state.selection && state.selection.accountId === accountId ? state.selection.patientId : null;
  const patientId = chosen ?? ownPatientId;
  const records = recordsQuery.data?.records ?? noRecords;

  const switchTo = useCallback(
    (id: string) =>
      selectRecord(accountId, id, ownPatientId, records.find((r) => r.patientId === id)?.displayName ?? null),
    [accountId, ownPatientId, records],
  );
  const backToOwn = useCallback(
    () => selectRecord(accountId, ownPatientId ?? '', ownPatientId),
    [accountId, ownPatientId],
  );

  return {
    patientId,
    ownPatientId,
    isOwn: patientId === ownPatientId,
    record: records.find((r) => r.patientId === patientId),
    records,
    lost: state.lost,
    switchTo,
    backToOwn,
    dismissLost: dismissLostRecordNote,
  };
}

/**
 * Notices when the record in view may no longer be seen — a proxy grant revoked, or a child turned 18 — and
 * goes back to the own record with a note. The server answers 404 to any request for that record (the same
 * answer as a record that does not exist), and the record drops out of the account's list of records.
 * Mounted once, with the banner, on every signed-in patient page.
 */
export function useLostAccessWatcher(): void {
  const queryClient = useQueryClient();
  const { patientId, isOwn, records, ownPatientId } = useRecordInView();
  const recordsQuery = useRecords(ownPatientId !== null);

  const lose = useCallback(
    (lostId: string) => {
      loseRecordInView();
      queryClient.removeQueries({ queryKey: proxyKeys.patient(lostId) });
      void queryClient.invalidateQueries({ queryKey: proxyKeys.records });
    },
    [queryClient],
  );

  // Any request for the record in view answered 404: the access is gone.
  useEffect(() => {
    if (isOwn || !patientId) return;
    const isLostAnswer = (key: readonly unknown[], error: unknown) =>
      key[0] === 'patient' && key[1] === patientId && error instanceof ApiError && error.status === 404;
    const unsubscribeQueries = queryClient.getQueryCache().subscribe((event) => {
      if (
        event.type === 'updated' &&
        event.action.type === 'error' &&
        isLostAnswer(event.query.queryKey, event.action.error)
      )
        lose(patientId);
    });
    const unsubscribeMutations = queryClient.getMutationCache().subscribe((event) => {
      const mutation = event.mutation;
      if (
        event.type === 'updated' &&
        mutation?.state.status === 'error' &&
        mutation.state.error instanceof ApiError &&
        mutation.state.error.status === 404
      ) {
        // A change made from the record in view (a message, a booking) refused as unknown: check the list again.
        void queryClient.invalidateQueries({ queryKey: proxyKeys.records });
      }
    });
    return () => {
      unsubscribeQueries();
      unsubscribeMutations();
    };
  }, [isOwn, patientId, queryClient, lose]);

  // The record in view is no longer in the account's list (checked whenever the list is fetched again).
  const listed = records.some((r) => r.patientId === patientId);
  useEffect(() => {
    if (isOwn || !patientId || !recordsQuery.isSuccess || recordsQuery.isFetching) return;
    if (!listed) lose(patientId);
  }, [isOwn, patientId, listed, recordsQuery.isSuccess, recordsQuery.isFetching, lose]);
}
