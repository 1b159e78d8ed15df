import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccessLogTranslate } from '../../shared/access-log-words.ts';
import '../pages/profile/access-log-strings.ts';

/** Action keys hold dots (`record.medications.read`), so the path under `accessLogWords` is joined with this. */
const SEPARATOR = '|';

/** The access log's words (`accessLogWords`, src/web/locales/en-access-log.json) for src/shared/access-log-words.ts. */
export function useAccessLogWords(): AccessLogTranslate {
  const { t } = useTranslation();
  return useCallback(
    (path, values = {}) => t(['accessLogWords', ...path].join(SEPARATOR), { ...values, keySeparator: SEPARATOR }),
    [t],
  );
}
