import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as HH:MM');
const contact = z.object({
  phone: z.string().min(1),
  phoneOption: z.string().optional(),
  email: z.email().optional(),
});

/** The organisation running this portal: everything the FAQ names that differs between health systems. */
export const tenantSchema = z.object({
  organisation: z.object({
    name: z.string().min(1),
    portalName: z.string().min(1),
    billingEntityName: z.string().min(1),
    /** IANA zone the organisation's business hours, holidays and visit times are in. */
    timeZone: z.string().refine(isKnownTimeZone, 'unknown IANA time zone'),
  }),
  contacts: z.object({
    portalSupport: contact,
    proxyRequests: contact,
    healthInformationManagement: contact,
    urgentCare: z.string().min(1),
    emergencyNumber: z.string().min(1),
  }),
  businessHours: z
    .object({
      /** ISO weekday numbers (1 = Monday … 7 = Sunday) the offices answer messages on. */
      days: z.array(z.number().int().min(1).max(7)).min(1),
      open: clockTime,
      close: clockTime,
    })
    .refine((h) => h.open < h.close, { message: 'open must be before close', path: ['close'] }),
  holidays: z.array(isoDate),
  billing: z.object({
    /** Visits on or after this date are billed by the billing entity and payable in the portal. */
    cutoverDate: isoDate,
  }),
  rules: z.object({
    activationCodeValidDays: z.number().int().positive(),
    cancelNoticeHours: z.number().positive(),
    proxyMinorAgeLimit: z.number().int().positive(),
    messageReplyBusinessDays: z.object({ min: z.number().int().nonnegative(), max: z.number().int().positive() }),
    firstVisitRequiredBeforeScheduling: z.boolean(),
  }),
  /**
   * Adolescent confidentiality: record items a proxy never sees. Items carrying one of `securityCodes` in
   * meta.security (HL7 confidentiality R = restricted, V = very restricted), or coded with one of `sensitiveCodes`
   * (system|code, e.g. reproductive, mental and behavioural health, substance use), are hidden from proxies of
   * patients aged `fromAge` or older.
   */
  confidentiality: z.object({
    fromAge: z.number().int().min(0).max(18),
    securityCodes: z.array(z.string().min(1)),
    sensitiveCodes: z.array(z.string().regex(/^[^|]+\|[^|]+$/, 'expected system|code')),
  }),
});

export type Tenant = z.infer<typeof tenantSchema>;

/** What anyone may know about the organisation before signing in (no patient data). */
export const publicConfigSchema = z.object({
  organisationName: z.string(),
  portalName: z.string(),
  contacts: tenantSchema.shape.contacts,
  businessHours: z.object({ days: z.array(z.number()), open: z.string(), close: z.string() }),
  timeZone: z.string(),
  /** Rule values the pages explain to people (the server enforces them). */
  rules: z.object({
    passwordMinLength: z.number(),
    activationCodeValidDays: z.number(),
    sessionIdleMinutes: z.number(),
  }),
});
export type PublicConfig = z.infer<typeof publicConfigSchema>;

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
