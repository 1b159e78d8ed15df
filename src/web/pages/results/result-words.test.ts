import { describe, expect, test } from 'vitest';
import { resultAboutPath } from './result-words.ts';

describe('a question about a result', () => {
  test('is about the Observation when the result is a single observation, else about the report', () => {
    const component = (id: string) => ({
      id,
      name: 'Glucose',
      code: '2339-0',
      value: 90,
      valueText: null,
      unit: 'mg/dL',
      range: null,
      flag: null,
      valueCount: 1,
    });
    expect(resultAboutPath({ id: 'o1', components: [component('o1')] })).toBe('/messages/new?about=Observation%2Fo1');
    expect(resultAboutPath({ id: 'r1', components: [component('o1'), component('o2')] })).toBe(
      '/messages/new?about=DiagnosticReport%2Fr1',
    );
    expect(resultAboutPath({ id: 'r2', components: [component('o3')] })).toBe(
      '/messages/new?about=DiagnosticReport%2Fr2',
    );
  });
});
