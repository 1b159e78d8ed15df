import i18n, { defaultLanguage } from '../../i18n.ts';
import enProfile from '../../locales/en-profile.json';

/**
 * The profile pages' own strings (contact details, 2-step, activity, sharing, family access, notification settings)
 * come with the profile chunk, as the staff and access-log strings come with theirs: no other page needs them, and
 * they kept Home's first load over its ceiling (scripts/first-load-size.ts). Importing this module registers them
 * before any profile page renders.
 */
i18n.addResourceBundle(defaultLanguage, 'translation', enProfile, true, false);
