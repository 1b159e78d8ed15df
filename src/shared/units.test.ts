import { describe, expect, it } from 'vitest';
import { displayUnit, formatValue } from './units.ts';

describe('numbers and units for people', () => {
  it('keeps four significant digits at most', () => {
    expect(formatValue(83.54602382074083, 'en-US')).toBe('83.55');
    expect(formatValue(121.9816974651225, 'en-US')).toBe('122');
    expect(formatValue(0.73432, 'en-US')).toBe('0.7343');
  });

  it('writes UCUM units as people read them', () => {
    expect(displayUnit('mm[Hg]')).toBe('mmHg');
    expect(displayUnit('[lb_av]')).toBe('lb');
    expect(displayUnit('[in_i]')).toBe('in');
    expect(displayUnit('kg/m2')).toBe('kg/m²');
    expect(displayUnit('Cel')).toBe('°C');
    expect(displayUnit('{score}')).toBe('');
    expect(displayUnit('10*3/uL')).toBe('×10³/µL');
    expect(displayUnit('/min')).toBe('/min');
  });
});
