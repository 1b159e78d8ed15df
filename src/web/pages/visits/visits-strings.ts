import i18n, { defaultLanguage } from '../../i18n.ts';
import enVisits from '../../locales/en-visits.json';

/**
 * Visits' strings come with the visits chunk, as Test Results' come with theirs: Home's first load stays under its
 * ceiling (scripts/first-load-size.ts). Only the header link's word lives in en.json. Importing this module
 * registers them before any visits page renders.
 */
i18n.addResourceBundle(defaultLanguage, 'translation', { visits: enVisits }, true, false);
