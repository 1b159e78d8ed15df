import type { TFunction } from 'i18next';
import type { NotificationType } from '../../../shared/notifications.ts';

/**
 * The plain-language title and one-line description of a notification event, from the locale file
 * (`notifications.events.<type>`: types such as `proxy.request_decided` nest by their dot). An event the web app
 * does not know yet (a newer server) still reads as "something new is waiting".
 */
export function eventText(t: TFunction, type: NotificationType): { title: string; description: string } {
  return {
    title: t(`notifications.events.${type}.title`, { defaultValue: t('notifications.events.other.title') }),
    description: t(`notifications.events.${type}.description`, {
      defaultValue: t('notifications.events.other.description'),
    }),
  };
}
