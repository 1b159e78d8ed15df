import { Button, Menu, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { RecordItem } from '../../shared/proxy.ts';
import { useSession } from '../api/session.ts';
import { paths } from '../paths.ts';
import { useRecordInView } from '../session/use-record-in-view.ts';

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
  const { t } = useTranslation();
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
    <div className="record-switcher">
      {/* In the header (a landmark), not a portal; without the focus placeholder, which the menu role does not allow. */}
      <Menu position="bottom-end" width={300} shadow="md" withinPortal={false} withInitialFocusPlaceholder={false}>
        <Menu.Target>
          <Button variant="light" className="record-switcher-button" aria-haspopup="menu">
            <Text component="span" truncate="end" inherit>
              {t('recordInView.switcherLabel', { name: record.displayName })}
            </Text>
            <span aria-hidden className="record-switcher-chevron">
              ▾
            </span>
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('recordInView.menuLabel')}</Menu.Label>
          {records.map((r) => (
            <Menu.Item
              key={r.patientId}
              onClick={() => handleSwitch(r.patientId)}
              aria-current={r.patientId === patientId ? 'true' : undefined}
              className="record-switcher-item"
            >
              <RecordItemLabel record={r} current={r.patientId === patientId} />
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item component={Link} to={paths.profile.family}>
            {t('recordInView.manage')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </div>
  );
}

function RecordItemLabel({ record, current }: { record: RecordItem; current: boolean }) {
  const { t } = useTranslation();
  const name =
    record.relation === 'self'
      ? t('recordInView.ownItem', { name: record.displayName })
      : record.relationship
        ? t('recordInView.otherItem', { name: record.displayName, relationship: record.relationship })
        : record.displayName;
  return (
    <>
      <Text component="span" fw={current ? 700 : 400} inherit>
        {name}
      </Text>
      {record.level === 'view_only' && (
        <Text component="span" size="xs" c="dimmed">
          {' · '}
          {t('recordInView.viewOnlyTag')}
        </Text>
      )}
      {current && <VisuallyHidden> {t('recordInView.current')}</VisuallyHidden>}
    </>
  );
}

/** Focus to the page's h1 (as after any navigation), for changes that keep the address. */
export function focusPageHeading(): void {
  const heading = document.querySelector<HTMLHeadingElement>('main h1');
  if (!heading) return;
  heading.tabIndex = -1;
  heading.focus();
}
