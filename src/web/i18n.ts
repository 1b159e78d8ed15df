import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';

/**
 * Every UI string comes from a locale file through `t()`, so Spanish (and more) can be added
 * as files, without touching components. English is the only locale so far.
 */
export const defaultLanguage = 'en';

void i18n.use(initReactI18next).init({
  // The staff pages' strings (namespace `staff`) come with the staff chunk: pages/staff/staff-strings.ts.
  resources: { en: { translation: en } },
  ns: ['translation'],
  defaultNS: 'translation',
  lng: defaultLanguage,
  fallbackLng: defaultLanguage,
  // React already escapes what it renders.
  interpolation: { escapeValue: false },
  // Resources are bundled, so initialise synchronously: the first render already has its strings.
  initAsync: false,
  returnNull: false,
});

export default i18n;
