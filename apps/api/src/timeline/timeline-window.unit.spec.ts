import { knowledgeInstant } from './as-of.js';
import { windowAround } from './timeline-window.js';

const iso = (w: { from: Date; to: Date }) => [w.from.toISOString(), w.to.toISOString()];

describe('Timeline window', () => {
  it('around a date takes the whole day and the days either side', () => {
    expect(iso(windowAround('2014-05-17', 'P7D', 'P7D'))).toEqual([
      '2014-05-10T00:00:00.000Z',
      '2014-05-25T00:00:00.000Z',
    ]);
  });

  it('around an instant is measured from that instant', () => {
    expect(iso(windowAround('2014-05-17T19:40:00Z', 'PT12H', 'P1D'))).toEqual([
      '2014-05-17T07:40:00.000Z',
      '2014-05-18T19:40:00.000Z',
    ]);
  });

  it('names the duration it cannot read', () => {
    expect(() => windowAround('2014-05-17', 'P7D', 'P7')).toThrow(expect.objectContaining({ code: 'bad_duration', field: 'after' }));
    expect(() => windowAround('2014-05-17', 'P101Y', 'P7D')).toThrow(expect.objectContaining({ code: 'bad_duration', field: 'before' }));
  });

  it('may be lopsided', () => {
    expect(iso(windowAround('2014-05-23', 'P2W', 'P0D'))).toEqual([
      '2014-05-09T00:00:00.000Z',
      '2014-05-24T00:00:00.000Z',
    ]);
  });
});

describe('As of', () => {
  it('a bare date means the end of that day', () => {
    expect(knowledgeInstant('2014-05-19').toISOString()).toBe('2014-05-19T23:59:59.999Z');
  });

  it('a date-time is taken as given', () => {
    expect(knowledgeInstant('2014-05-19T12:00:00+02:00').toISOString()).toBe('2014-05-19T10:00:00.000Z');
  });
});
