import type { LabTestConfig, RangeBand, ResultsConfig } from '../../../shared/tenant.ts';
import type { ReferenceRange, ResultFlag } from '../../../shared/results.ts';

/** Who the range is for: the patient's sex and age in whole years when the sample was taken. */
export interface RangeSubject {
  sex: string | null;
  age: number | null;
}

/** A range with its critical limits, as one compares a value with it. */
export interface ApplicableRange extends ReferenceRange {
  criticalLow: number | null;
  criticalHigh: number | null;
}

/** A range the laboratory reported with the value (FHIR Observation.referenceRange), when it has one. */
export interface ReportedRange {
  low: number | null;
  high: number | null;
  text: string | null;
}

/**
 * The organisation's reference-range table (tenant `results.tests`, keyed by LOINC code): the plain name of each
 * test and its ranges by sex and age. A value is compared with the laboratory's own range when the result carries
 * one, else with the table's band for the patient, and only when the units agree.
 */
export class ReferenceRanges {
  private readonly byCode: Map<string, LabTestConfig>;

  constructor(config: ResultsConfig) {
    this.byCode = new Map(config.tests.map((t) => [t.loinc, t]));
  }

  /** The plain name the organisation gives a test, if any. */
  nameOf(code: string | null): string | null {
    return (code && this.byCode.get(code)?.name) || null;
  }

  /** The range that applies to a value: the result's own, else the table's band for this patient in this unit. */
  rangeFor(
    code: string | null,
    unit: string | null,
    subject: RangeSubject,
    reported: ReportedRange | null,
  ): ApplicableRange | null {
    if (reported && (reported.low !== null || reported.high !== null || reported.text))
      return { ...reported, source: 'result', criticalLow: null, criticalHigh: null };
    const test = code ? this.byCode.get(code) : undefined;
    if (!test || (test.unit && unit !== null && test.unit !== unit)) return null;
    const band = test.ranges.find((b) => bandApplies(b, subject));
    if (!band) return null;
    return {
      low: band.low ?? null,
      high: band.high ?? null,
      text: null,
      source: 'organisation',
      criticalLow: band.criticalLow ?? null,
      criticalHigh: band.criticalHigh ?? null,
    };
  }
}

function bandApplies(band: RangeBand, subject: RangeSubject): boolean {
  if (band.sex && band.sex !== subject.sex) return false;
  if (band.minAge !== undefined && (subject.age === null || subject.age < band.minAge)) return false;
  if (band.maxAge !== undefined && (subject.age === null || subject.age >= band.maxAge)) return false;
  return true;
}

/**
 * How a value compares with its range. The limits belong to the range: a value equal to the upper limit is not
 * high, one equal to the lower limit is not low. Critical limits work the same way (beyond them, not at them).
 */
export function flagOf(value: number | null, range: ApplicableRange | null): ResultFlag | null {
  if (value === null || range === null || (range.low === null && range.high === null)) return null;
  if (range.criticalLow !== null && value < range.criticalLow) return 'critical_low';
  if (range.criticalHigh !== null && value > range.criticalHigh) return 'critical_high';
  if (range.low !== null && value < range.low) return 'low';
  if (range.high !== null && value > range.high) return 'high';
  return 'normal';
}

const SEVERITY: Record<ResultFlag, number> = {
  normal: 0,
  abnormal: 1,
  low: 2,
  high: 2,
  critical_low: 3,
  critical_high: 3,
};

/** The worst of several flags (null when none could be compared). */
export function worstFlag(flags: (ResultFlag | null)[]): ResultFlag | null {
  let worst: ResultFlag | null = null;
  for (const f of flags) if (f !== null && (worst === null || SEVERITY[f] > SEVERITY[worst])) worst = f;
  return worst;
}

export const isOutOfRange = (flag: ResultFlag | null): boolean => flag !== null && flag !== 'normal';

/** Whole years between a birth date and a moment (the age at collection); null when either is unknown. */
export function ageAt(birthDate: string | null, at: string | null): number | null {
  if (!birthDate || !at) return null;
  const [by, bm, bd] = birthDate.slice(0, 10).split('-').map(Number) as [number, number, number];
  const [y, m, d] = at.slice(0, 10).split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
