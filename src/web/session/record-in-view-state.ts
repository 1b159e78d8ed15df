/**
 * Which patient's record this tab is showing: the signed-in patient's own (the default) or one they act
 * for as a proxy. Kept per tab in sessionStorage, so a reload keeps it and another tab can show another
 * record; it names the account it belongs to, so the next person to sign in here starts on their own record.
 */

interface Selection {
  accountId: string;
  patientId: string;
  /** The record's name when it was chosen, for the note if its access ends. */
  displayName: string | null;
}

/** A record that could not be shown any more (access ended or was revoked), for the page to say so once. */
export interface LostRecord {
  displayName: string | null;
}

export interface RecordInViewState {
  selection: Selection | null;
  lost: LostRecord | null;
}

const storageKey = 'lantern.record-in-view';
const listeners = new Set<() => void>();
let state: RecordInViewState = { selection: readSelection(), lost: null };

function readSelection(): Selection | null {
  try {
    const raw = window.sessionStorage.getItem(storageKey);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Selection>;
    if (typeof parsed.accountId !== 'string' || typeof parsed.patientId !== 'string') return null;
    return {
      accountId: parsed.accountId,
      patientId: parsed.patientId,
      displayName: typeof parsed.displayName === 'string' ? parsed.displayName : null,
    };
  } catch {
    return null;
  }
}

function writeSelection(selection: Selection | null): void {
  try {
    if (selection) window.sessionStorage.setItem(storageKey, JSON.stringify(selection));
    else window.sessionStorage.removeItem(storageKey);
  } catch {
    // Storage unavailable: the choice lasts until the page is reloaded.
  }
}

function update(next: RecordInViewState): void {
  state = next;
  for (const listener of listeners) listener();
}

export function recordInViewSnapshot(): RecordInViewState {
  return state;
}

export function subscribeToRecordInView(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Shows another record (or, with the own patient id, the own one again) in this tab. */
export function selectRecord(
  accountId: string,
  patientId: string,
  ownPatientId: string | null,
  displayName: string | null = null,
): void {
  const selection = patientId === ownPatientId ? null : { accountId, patientId, displayName };
  writeSelection(selection);
  update({ selection, lost: null });
}

/** Access to the record in view ended: back to the own record, with a note naming the record that went. */
export function loseRecordInView(): void {
  if (!state.selection) return;
  const displayName = state.selection.displayName;
  writeSelection(null);
  update({ selection: null, lost: { displayName } });
}

export function dismissLostRecordNote(): void {
  if (state.lost) update({ ...state, lost: null });
}

/** Signing out forgets the choice, so the next person at this computer starts on their own record. */
export function forgetRecordInView(): void {
  writeSelection(null);
  update({ selection: null, lost: null });
}
