import i18n, { defaultLanguage } from '../../i18n.ts';
import enAccessLog from '../../locales/en-access-log.json';

/**
 * The access log's sentences, one per audit action (`accessLogWords`: src/shared/access-log-words.ts picks them),
 * come with the profile chunk: a hundred sentences no other page needs stay out of every page's first load.
 * Importing this module registers them before the access log renders.
 */
i18n.addResourceBundle(defaultLanguage, 'translation', { accessLogWords: enAccessLog }, true, false);
