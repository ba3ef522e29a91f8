import fc from 'fast-check';
import { addDuration, isCalendarDate, isDuration, parseDuration, parseMoment, type IsoDuration } from './calendar.js';

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
      expect(parseDuration(text)).toEqual({ years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0, ...parts });
    });

    it.each(['', 'P', 'PT', 'P1DT', '7D', 'P-7D', 'P1.5D', 'P1H', 'PT1D', 'P1S', 'P7D x', 'P1D2D', 'P1M1Y', 'PT1S1M', 'P7 D', ' P7D', 'P101Y', 'P99999D', 'P1200M'])(
      'refuses %j',
      (text) => {
        expect(parseDuration(text)).toBeUndefined();
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
      expect(addDuration(at(from), parseDuration(duration)!, sign).toISOString()).toBe(expected);
    });

    it('does not change the instant it is given', () => {
      const instant = at('2014-05-17T00:00:00Z');
      addDuration(instant, parseDuration('P1M7D')!, -1);
      expect(instant.toISOString()).toBe('2014-05-17T00:00:00.000Z');
    });
  });
});

describe('Calendar properties', () => {
  const part = fc.option(fc.nat({ max: 40 }), { nil: undefined });
  const parts = fc.record({ years: part, months: part, weeks: part, days: part, hours: part, minutes: part, seconds: part });
  const written = (p: Partial<IsoDuration>) => {
    const date = [['Y', p.years], ['M', p.months], ['W', p.weeks], ['D', p.days]].filter(([, n]) => n !== undefined).map(([unit, n]) => `${n}${unit}`).join('');
    const time = [['H', p.hours], ['M', p.minutes], ['S', p.seconds]].filter(([, n]) => n !== undefined).map(([unit, n]) => `${n}${unit}`).join('');
    return `P${date}${time ? `T${time}` : ''}`;
  };
  const instant = fc.date({ min: new Date('1960-01-01T00:00:00Z'), max: new Date('9899-12-31T23:59:59Z'), noInvalidDate: true });
  const zero: IsoDuration = { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 };

  it('reads back any duration written from its parts, in either case', () => {
    fc.assert(
      fc.property(parts, (p) => {
        const text = written(p);
        const named = Object.values(p).some((n) => n !== undefined);
        const expected = named ? { ...zero, ...Object.fromEntries(Object.entries(p).filter(([, n]) => n !== undefined)) } : undefined;
        expect(parseDuration(text)).toEqual(expected);
        expect(parseDuration(text.toLowerCase())).toEqual(expected);
        expect(isDuration(text)).toBe(named);
      }),
    );
  });

  it('goes back exactly where it came from by weeks, days and time', () => {
    fc.assert(
      fc.property(instant, parts, (at, p) => {
        const duration = { ...zero, ...Object.fromEntries(Object.entries(p).filter(([, n]) => n !== undefined)), years: 0, months: 0 };
        expect(addDuration(addDuration(at, duration, 1), duration, -1).getTime()).toBe(at.getTime());
        const elapsed = ((((duration.weeks * 7 + duration.days) * 24 + duration.hours) * 60 + duration.minutes) * 60 + duration.seconds) * 1000;
        expect(addDuration(at, duration, 1).getTime() - at.getTime()).toBe(elapsed);
      }),
    );
  });

  it('moves months on the calendar: the same day of the month, or the month’s last when it is shorter', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 1200 }), fc.constantFrom(1 as const, -1 as const), (at, months, sign) => {
        const moved = addDuration(at, { ...zero, years: Math.floor(months / 12), months: months % 12 }, sign);
        const monthIndex = (d: Date) => d.getUTCFullYear() * 12 + d.getUTCMonth();
        expect(monthIndex(moved) - monthIndex(at)).toBe(sign * months + 0);
        const lastDay = new Date(Date.UTC(moved.getUTCFullYear(), moved.getUTCMonth() + 1, 0)).getUTCDate();
        expect(moved.getUTCDate()).toBe(Math.min(at.getUTCDate(), lastDay));
        const timeOfDay = (d: Date) => d.getTime() - Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
        expect(timeOfDay(moved)).toBe(timeOfDay(at));
      }),
    );
  });

  it('never moves back when adding, nor forward when taking away', () => {
    fc.assert(
      fc.property(instant, parts, (at, p) => {
        const duration = parseDuration(written(p));
        if (!duration) return;
        expect(addDuration(at, duration, 1).getTime()).toBeGreaterThanOrEqual(at.getTime());
        expect(addDuration(at, duration, -1).getTime()).toBeLessThanOrEqual(at.getTime());
      }),
    );
  });

  it('takes a day for a date exactly when it is a real day of the calendar', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1960, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, d) => {
        const text = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const real = d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
        expect(isCalendarDate(text)).toBe(real);
        if (real) expect(parseMoment(text)!.end.getTime() - parseMoment(text)!.start.getTime()).toBe(86_400_000);
      }),
    );
  });
});
