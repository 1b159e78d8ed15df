import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import staff from '../../../../locales/en-staff.json' with { type: 'json' };
import { dollarsToCents, draftFrom, draftToInput, errorKeyFor } from './schedule-draft.ts';
import { hoursInWords } from './schedule-words.ts';

const i18n = i18next.createInstance();
void i18n.init({ lng: 'en', initAsync: false, resources: { en: { staff } }, interpolation: { escapeValue: false } });
const t = i18n.getFixedT('en', 'staff');
const h = (weekday: number, start: number, end: number) => ({ weekday, start: start * 60, end: end * 60 });

describe('hoursInWords', () => {
  it('joins consecutive days with the same hours, Monday first, and says each range in the clinic’s time', () => {
    const weekdays = [1, 2, 3, 4, 5].map((d) => h(d, 8, 12));
    expect(hoursInWords(weekdays, t)).toBe('Mon–Fri 8:00 AM–12:00 PM');
    expect(hoursInWords([h(4, 13, 14)], t)).toBe('Thu 1:00 PM–2:00 PM');
    expect(hoursInWords([h(1, 8, 12), h(1, 13, 17), h(2, 13, 17), h(2, 8, 12), h(4, 9, 10), h(0, 9, 10)], t)).toBe(
      'Mon–Tue 8:00 AM–12:00 PM, 1:00 PM–5:00 PM; Thu 9:00 AM–10:00 AM; Sun 9:00 AM–10:00 AM',
    );
    expect(hoursInWords([], t)).toBeNull();
  });
});

describe('the editor’s draft', () => {
  it('round-trips a schedule’s weekly hours and sends chosen and new visit types in full', () => {
    const draft = draftFrom(
      {
        practitionerId: 'p1',
        providerName: 'Dr. A',
        department: {
          id: 'fm',
          organisationId: 'o1',
          name: 'FM',
          phone: '555 0100',
          address: null,
          instructions: null,
        },
        visitTypeIds: ['office-visit'],
        hours: [h(4, 13, 14)],
        validFrom: '2026-12-01',
        validTo: null,
      },
      '2026-12-02',
    );
    expect(draft.days[4]).toEqual({ open: true, ranges: [{ start: '13:00', end: '14:00' }] });
    draft.newTypes.push({
      id: 'video',
      name: 'Video',
      minutes: '15',
      mode: 'video',
      selfSchedulable: false,
      price: '',
    });
    const existing = [
      {
        id: 'office-visit',
        name: 'Office visit',
        minutes: 20,
        mode: 'in_person' as const,
        priceCents: 4500,
        selfSchedulable: true,
      },
      { id: 'other', name: 'Other', minutes: 30, mode: 'in_person' as const, priceCents: null, selfSchedulable: true },
    ];
    const input = draftToInput(draft, existing);
    expect(input.hours).toEqual([{ weekday: 4, start: 780, end: 840 }]);
    expect(input.visitTypes.map((v) => [v.id, v.priceCents])).toEqual([
      ['office-visit', 4500],
      ['video', undefined],
    ]);
    expect(input.validTo).toBeUndefined();
    expect(errorKeyFor('body.visitTypes.1.minutes', 1)).toBe('newTypes.0');
    expect(errorKeyFor('exceptions.2.end', 1)).toBe('exceptions.2');
    expect(errorKeyFor('department.organisationId', 1)).toBe('organisationId');
  });

  it('reads a self-pay price in dollars as cents', () => {
    expect(dollarsToCents('45')).toBe(4500);
    expect(dollarsToCents('$45.50')).toBe(4550);
    expect(dollarsToCents('')).toBeUndefined();
    expect(dollarsToCents('forty')).toBe(-1);
  });
});
