import i18n, { defaultLanguage } from '../../i18n.ts';
import enResults from '../../locales/en-results.json';

/**
 * Test Results' strings (the list, a result, the trend graph) come with the results chunks, as the profile's come
 * with theirs: Home's first load stays under its ceiling (scripts/first-load-size.ts). Only the Home tile's and the
 * Health menu's few words live in en.json. Importing this module registers them before any results page renders.
 */
i18n.addResourceBundle(defaultLanguage, 'translation', { results: enResults }, true, false);
