import { z } from 'zod';

/**
 * Notifications: the catalogue of events that tell people something new is waiting, their choices, and the bell.
 * Routes (patient realm; state-changing requests send X-CSRF-Token):
 *
 *   GET  /api/account/notification-settings              → NotificationSettings (contacts + one row per event)
 *   PUT  /api/account/notification-settings  UpdateNotificationSettings → NotificationSettings
 *   GET  /api/account/notifications?limit=N              → NotificationInbox (the bell; polling does not keep a session alive)
 *   POST /api/account/notifications/:id/read             → 204
 *   POST /api/account/notifications/read-all             → 204
 *
 * Staff (role admin):
 *   GET  /api/staff/admin/deliveries                     → DeliveryOverview (counts per status + dead letters, never payloads)
 *   POST /api/staff/admin/deliveries/:id/retry           → 204 (a dead letter back in the queue)
 *
 * Content rule: no notification carries health information — no test name, result, diagnosis, message text,
 * provider specialty, location, or anybody's name. It says something new is waiting, with a link to sign in.
 */

/** How an event reaches people. */
export type NotificationDelivery =
  /** Per channel, as the account chose (opt-in); always in the bell. */
  | 'choice'
  /** Always, to every verified contact and the bell, whatever the choices. */
  | 'security'
  /** To the one address it concerns (codes, answers to a form), never the bell. */
  | 'direct';

export type NotificationGroup = 'security' | 'messages' | 'health' | 'visits' | 'proxy' | 'account';

interface CatalogueEntry {
  group: NotificationGroup;
  delivery: NotificationDelivery;
  /** Where the bell item leads in the patient app (an app path, never carrying ids). */
  link: string;
}

/**
 * Every notification event. Each later feature adds its own here (new message reply, new test result, visit
 * note, appointment booked/changed/cancelled, reminder, wait-list offer, new statement, payment received…),
 * and the catalogue test refuses an event type without its delivery test.
 */
export const notificationCatalogue = {
  'security.new_sign_in': { group: 'security', delivery: 'security', link: '/profile/activity' },
  'security.password_changed': { group: 'security', delivery: 'security', link: '/profile/activity' },
  'security.two_step_changed': { group: 'security', delivery: 'security', link: '/profile/activity' },
  'security.account_locked': { group: 'security', delivery: 'security', link: '/profile/activity' },
  'record.proxy_added': { group: 'security', delivery: 'security', link: '/profile/sharing' },
  'message.new_reply': { group: 'messages', delivery: 'choice', link: '/messages' },
  'medication.refill_decided': { group: 'health', delivery: 'choice', link: '/health/medications' },
  'result.new': { group: 'health', delivery: 'choice', link: '/health/test-results' },
  'appointment.booked': { group: 'visits', delivery: 'choice', link: '/visits' },
  'appointment.changed': { group: 'visits', delivery: 'choice', link: '/visits' },
  'waitlist.offer': { group: 'visits', delivery: 'choice', link: '/visits' },
  'proxy.request_decided': { group: 'proxy', delivery: 'choice', link: '/profile/family' },
  'proxy.access_granted': { group: 'proxy', delivery: 'choice', link: '/profile/family' },
  'proxy.invitation_received': { group: 'proxy', delivery: 'choice', link: '/profile/family' },
  'proxy.access_ending': { group: 'proxy', delivery: 'choice', link: '/profile/family' },
  'account.contact_code': { group: 'account', delivery: 'direct', link: '/profile/contact' },
  'account.password_reset_code': { group: 'account', delivery: 'direct', link: '/' },
  'account.username_reminder': { group: 'account', delivery: 'direct', link: '/' },
  'activation.request_answered': { group: 'account', delivery: 'direct', link: '/signup' },
} as const satisfies Record<string, CatalogueEntry>;

export type NotificationType = keyof typeof notificationCatalogue;
export const notificationTypes = Object.keys(notificationCatalogue) as NotificationType[];
export const notificationTypeSchema = z.enum(notificationTypes as [NotificationType, ...NotificationType[]], {
  error: 'Unknown notification type.',
});

/** Events a person chooses channels for (the rest are always sent, or go to one address). */
export const choiceNotificationTypes = notificationTypes.filter((t) => notificationCatalogue[t].delivery === 'choice');
/** Events that appear in the bell. */
export const inboxNotificationTypes = notificationTypes.filter((t) => notificationCatalogue[t].delivery !== 'direct');

export const notificationChannels = ['email', 'sms'] as const;
export type NotificationChannel = (typeof notificationChannels)[number];

export const notificationPreferenceSchema = z.object({
  type: notificationTypeSchema,
  group: z.enum(['security', 'messages', 'health', 'visits', 'proxy', 'account']),
  delivery: z.enum(['choice', 'security', 'direct']),
  email: z.boolean(),
  sms: z.boolean(),
});
export type NotificationPreference = z.infer<typeof notificationPreferenceSchema>;

export const notificationSettingsSchema = z.object({
  /** Where notifications go; only verified contacts receive them. */
  contacts: z.object({
    email: z.string().nullable(),
    emailVerified: z.boolean(),
    phone: z.string().nullable(),
    phoneVerified: z.boolean(),
  }),
  /** One row per event in the bell (choice and security events), catalogue order. Security rows are always on. */
  preferences: z.array(notificationPreferenceSchema),
});
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;

export const updateNotificationSettingsSchema = z.object({
  preferences: z
    .array(
      z.object({
        type: notificationTypeSchema.refine(
          (t) => notificationCatalogue[t].delivery === 'choice',
          'Security notifications are always sent; they cannot be turned off.',
        ),
        email: z.boolean(),
        sms: z.boolean(),
      }),
    )
    .min(1, 'Choose at least one notification to change.')
    .max(100),
});
export type UpdateNotificationSettings = z.infer<typeof updateNotificationSettingsSchema>;

export const notificationItemSchema = z.object({
  id: z.string(),
  type: notificationTypeSchema,
  /** The record it concerns when not the account holder's own (a proxy's child); null for account events. */
  patientId: z.string().nullable(),
  /** App path to open. */
  link: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationItem = z.infer<typeof notificationItemSchema>;

export const notificationInboxSchema = z.object({
  unread: z.number().int().min(0),
  items: z.array(notificationItemSchema),
});
export type NotificationInbox = z.infer<typeof notificationInboxSchema>;

export const inboxQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) });

export const deadLetterSchema = z.object({
  id: z.string(),
  topic: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  diedAt: z.string().nullable(),
});
export type DeadLetter = z.infer<typeof deadLetterSchema>;

export const deliveryOverviewSchema = z.object({
  counts: z.object({
    pending: z.number().int(),
    processing: z.number().int(),
    done: z.number().int(),
    dead: z.number().int(),
  }),
  /** SMTP or log; the SMS gateway's name or log. */
  channels: z.object({ email: z.string(), sms: z.string() }),
  dead: z.array(deadLetterSchema),
});
export type DeliveryOverview = z.infer<typeof deliveryOverviewSchema>;
