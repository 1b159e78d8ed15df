import i18n, { defaultLanguage } from '../../i18n.ts';
import enStaff from '../../locales/en-staff.json';

/**
 * The staff pages' strings (the `staff` namespace, useTranslation('staff')) come with the staff chunk, so patients
 * never download them. Importing this module registers them before any staff page renders.
 */
i18n.addResourceBundle(defaultLanguage, 'staff', enStaff);
