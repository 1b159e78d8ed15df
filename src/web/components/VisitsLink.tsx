import { useTranslation } from 'react-i18next';
import { paths } from '../paths.ts';
import { HeaderSectionLink } from './HeaderSectionLink.tsx';

/** The header's way to Visits (a calendar, with the word from a tablet's width up), for a signed-in patient. */
export function VisitsLink() {
  const { t } = useTranslation();
  return (
    <HeaderSectionLink
      to={paths.visits.list}
      label={t('visits.headerLink')}
      icon={
        <>
          <rect x="3" y="4" width="18" height="18" rx="2" />
          <path d="M16 2v4M8 2v4M3 10h18" />
        </>
      }
    />
  );
}
