import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as HH:MM');
const contact = z.object({
  phone: z.string().min(1),
  phoneOption: z.string().optional(),
  email: z.email().optional(),
});

const rangeBand = z
  .object({
    /** Applies to this sex only (FHIR administrative gender); both when absent. */
    sex: z.enum(['male', 'female']).optional(),
    /** Applies from this age in whole years (inclusive) … */
    minAge: z.number().int().min(0).optional(),
    /** … up to this age (exclusive). */
    maxAge: z.number().int().positive().optional(),
    low: z.number().optional(),
    high: z.number().optional(),
    criticalLow: z.number().optional(),
    criticalHigh: z.number().optional(),
  })
  .refine((b) => b.low !== undefined || b.high !== undefined, { message: 'a range needs low or high' })
  .refine((b) => b.low === undefined || b.high === undefined || b.low <= b.high, {
    message: 'low must not be above high',
    path: ['high'],
  });

/** One test of the organisation's reference-range table, keyed by LOINC code. */
const labTest = z.object({
  loinc: z.string().regex(/^\d{1,7}-\d$/, 'expected a LOINC code such as 2339-0'),
  /** The test's name in plain words, shown instead of the laboratory's. */
  name: z.string().min(1),
  /** The unit the ranges are in; a value in another unit is not compared. */
  unit: z.string().min(1).optional(),
  /** The first band that matches the patient's sex and age applies. */
  ranges: z.array(rangeBand).default([]),
});

/** A release rule: results of these categories or codes wait for the provider, or for a number of days. */
const releaseHold = z
  .object({
    /** Shown to staff as why a result is held ("Pathology"). */
    label: z.string().min(1),
    /** DiagnosticReport category codes (HL7 v2-0074: PAT, GE, RAD …). */
    categories: z.array(z.string().min(1)).default([]),
    /** LOINC codes of reports or observations. */
    codes: z.array(z.string().min(1)).default([]),
    /** Released by itself this many days after it was resulted; null waits for a clinician. */
    releaseAfterDays: z.number().int().positive().nullable(),
  })
  .refine((h) => h.categories.length + h.codes.length > 0, { message: 'a rule needs categories or codes' });

export const resultsConfigSchema = z.object({
  /** Encounter classes whose results are "hospital results" (hidden until the patient asks to see them). */
  hospitalEncounterClasses: z.array(z.string().min(1)),
  /** A result released within this many days of being resulted is news: the patient is told. */
  notifyWithinDays: z.number().int().positive(),
  holds: z.array(releaseHold),
  tests: z.array(labTest),
});
export type ResultsConfig = z.infer<typeof resultsConfigSchema>;
export type LabTestConfig = z.infer<typeof labTest>;
export type RangeBand = z.infer<typeof rangeBand>;

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
  /** Test results: which visits count as hospital ones, release rules, and the reference-range table. */
  results: resultsConfigSchema,
  /** Scheduling, the wait list and e-check-in. */
  visits: z.object({
    /** How far ahead patients may book (days from today). */
    bookingHorizonDays: z.number().int().positive(),
    /** The earliest a patient may book is this many minutes from now (the office needs notice too). */
    bookingLeadMinutes: z.number().int().nonnegative(),
    /** How long a wait-list offer holds its slot before it goes to the next patient. */
    waitListOfferMinutes: z.number().int().positive(),
    /** E-check-in opens this many days before the appointment. */
    checkInOpensDays: z.number().int().positive(),
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
