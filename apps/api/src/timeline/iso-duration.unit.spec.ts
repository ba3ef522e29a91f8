import { addIsoDuration, parseIsoDuration } from './iso-duration.js';

describe('ISO-8601 durations', () => {
  describe('parsing', () => {
    it.each([
      ['P7D', { days: 7 }],
      ['P2W', { weeks: 2 }],
      ['PT12H', { hours: 12 }],
      ['P1Y2M3DT4H5M6S', { years: 1, months: 2, days: 3, hours: 4, minutes: 5, seconds: 6 }],
      ['PT0.5S', { seconds: 0.5 }],
      ['PT1,25S', { seconds: 1.25 }],
      ['p7d', { days: 7 }],
      ['P0D', {}],
    ])('reads %s', (text, parts) => {
      expect(parseIsoDuration(text)).toEqual({ years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0, ...parts });
    });

    it.each(['', 'P', 'PT', 'P1DT', '7D', 'P-7D', 'P1.5D', 'P1H', 'PT1D', 'P1S', 'P7D x', 'P1D2D', 'P1M1Y', 'PT1S1M', 'P7 D', 'P101Y', 'P99999D'])(
      'refuses %j',
      (text) => {
        expect(() => parseIsoDuration(text)).toThrow(RangeError);
      },
    );
  });

  describe('applying', () => {
    const at = (iso: string) => new Date(iso);
    it.each([
      ['2014-05-17T00:00:00Z', 'P7D', 1, '2014-05-24T00:00:00.000Z'],
      ['2014-05-17T00:00:00Z', 'P7D', -1, '2014-05-10T00:00:00.000Z'],
      ['2014-05-17T00:00:00Z', 'P2W', -1, '2014-05-03T00:00:00.000Z'],
      ['2014-05-17T10:30:00Z', 'PT12H', 1, '2014-05-17T22:30:00.000Z'],
      ['2014-01-31T00:00:00Z', 'P1M', 1, '2014-02-28T00:00:00.000Z'],
      ['2016-01-31T00:00:00Z', 'P1M', 1, '2016-02-29T00:00:00.000Z'],
      ['2014-03-31T00:00:00Z', 'P1M', -1, '2014-02-28T00:00:00.000Z'],
      ['2014-05-17T00:00:00Z', 'P1Y', -1, '2013-05-17T00:00:00.000Z'],
      ['2016-02-29T00:00:00Z', 'P1Y', 1, '2017-02-28T00:00:00.000Z'],
      ['2014-12-31T23:00:00Z', 'PT1H30M', 1, '2015-01-01T00:30:00.000Z'],
      ['2014-05-17T00:00:00Z', 'P1DT0.5S', 1, '2014-05-18T00:00:00.500Z'],
    ] as const)('%s %s × %d = %s', (from, duration, sign, expected) => {
      expect(addIsoDuration(at(from), parseIsoDuration(duration), sign).toISOString()).toBe(expected);
    });

    it('does not change the instant it is given', () => {
      const instant = at('2014-05-17T00:00:00Z');
      addIsoDuration(instant, parseIsoDuration('P1M7D'), -1);
      expect(instant.toISOString()).toBe('2014-05-17T00:00:00.000Z');
    });
  });
});
