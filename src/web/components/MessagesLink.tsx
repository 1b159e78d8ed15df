import { useTranslation } from 'react-i18next';
import { paths } from '../paths.ts';
import { HeaderSectionLink } from './HeaderSectionLink.tsx';

/** The header's way to Messages (an envelope, with the word from a tablet's width up), for a signed-in patient. */
export function MessagesLink() {
  const { t } = useTranslation();
  return (
    <HeaderSectionLink
      to={paths.messages.list}
      label={t('messages.headerLink')}
      icon={
        <>
          <rect x="3" y="5" width="18" height="14" rx="2" />
          <path d="m3 7 9 6 9-6" />
        </>
      }
    />
  );
}
