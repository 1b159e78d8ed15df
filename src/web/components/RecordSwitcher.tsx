import { useNavigate } from 'react-router';
import { useSession } from '../api/session.ts';
import { lazyComponent } from '../lazy-component.ts';
import { paths } from '../paths.ts';
import { useRecordInView } from '../session/use-record-in-view.ts';
import { DeferredPart } from './DeferredPart.tsx';

// The menu (Mantine's Menu, Popover and floating-ui) is fetched only for someone who may see more than one record.
const RecordMenu = lazyComponent(() => import('./RecordMenu.tsx'), 'RecordMenu');

/**
 * The header's record switcher ("Viewing: Sherron Kutch (your daughter)"): shown when the signed-in patient
 * may see more than their own record. Choosing a record shows its home page; every page then shows that record.
 */
export function RecordSwitcher() {
  const session = useSession('patient').data;
  if (!session || session.stage !== 'full') return null;
  return <RecordSwitcherMenu />;
}

function RecordSwitcherMenu() {
  const navigate = useNavigate();
  const { records, record, patientId, switchTo } = useRecordInView();
  if (records.length < 2 || !record) return null;

  function handleSwitch(id: string) {
    switchTo(id);
    navigate(paths.home);
    // The page may already be Home, where navigating moves no focus: start from its heading either way.
    window.setTimeout(() => focusPageHeading(), 0);
  }

  return (
    <DeferredPart>
      <RecordMenu records={records} record={record} patientId={patientId} onSwitch={handleSwitch} />
    </DeferredPart>
  );
}

/** Focus to the page's h1 (as after any navigation), for changes that keep the address. */
export function focusPageHeading(): void {
  const heading = document.querySelector<HTMLHeadingElement>('main h1');
  if (!heading) return;
  heading.tabIndex = -1;
  heading.focus();
}
