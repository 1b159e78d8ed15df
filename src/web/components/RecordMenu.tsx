import { Button, Menu, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RecordItem } from '../../shared/proxy.ts';
import { paths } from '../paths.ts';

interface RecordMenuProps {
  /** Every record the patient may see: their own and those they act for (at least two). */
  records: RecordItem[];
  /** The record in view. */
  record: RecordItem;
  patientId: string | null;
  onSwitch: (patientId: string) => void;
}

/** The record switcher's button and menu (RecordSwitcher decides when there is one): the records, then "manage". */
export function RecordMenu({ records, record, patientId, onSwitch }: RecordMenuProps) {
  const { t } = useTranslation();
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
              onClick={() => onSwitch(r.patientId)}
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
