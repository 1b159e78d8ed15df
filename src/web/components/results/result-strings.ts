import i18n, { defaultLanguage } from '../../i18n.ts';
import enResultValues from '../../locales/en-result-values.json';

/**
 * The words a result's values are said in (flags, ranges, the values table), shared by the patient's Test Results
 * and the staff results pages. They come with whichever of those chunks loads first (never with the first load:
 * scripts/first-load-size.ts), under `resultValues` in the default namespace. Importing this module registers them.
 */
i18n.addResourceBundle(defaultLanguage, 'translation', { resultValues: enResultValues }, true, false);
