import { splitIntoMonths } from './whole-months.js';

describe('splitIntoMonths', () => {
  it.each([
    ['no bounds: every month', undefined, undefined, { months: {}, edges: [] }],
    ['whole months', '2014-01-01', '2014-12-31', { months: { from: '2014-01-01', before: '2015-01-01' }, edges: [] }],
    [
      'partial months at both ends',
      '2014-05-20',
      '2014-08-10',
      { months: { from: '2014-06-01', before: '2014-08-01' }, edges: [{ from: '2014-05-20', to: '2014-05-31' }, { from: '2014-08-01', to: '2014-08-10' }] },
    ],
    ['open end', '2014-02-15', undefined, { months: { from: '2014-03-01' }, edges: [{ from: '2014-02-15', to: '2014-02-28' }] }],
    ['open start', undefined, '2016-02-28', { months: { before: '2016-02-01' }, edges: [{ from: '2016-02-01', to: '2016-02-28' }] }],
    ['a leap February ends on the 29th', undefined, '2016-02-29', { months: { before: '2016-03-01' }, edges: [] }],
    ['within one month', '2014-06-20', '2014-06-20', { edges: [{ from: '2014-06-20', to: '2014-06-20' }] }],
    ['across a month end, no whole month', '2014-05-20', '2014-06-10', { edges: [{ from: '2014-05-20', to: '2014-06-10' }] }],
    ['one whole month', '2014-06-01', '2014-06-30', { months: { from: '2014-06-01', before: '2014-07-01' }, edges: [] }],
    ['backwards: nothing', '2014-07-01', '2014-06-01', { edges: [] }],
    ['up to the last day the record holds', '2014-05-01', '9999-12-31', { months: { from: '2014-05-01', before: '9999-12-01' }, edges: [{ from: '9999-12-01', to: '9999-12-31' }] }],
  ])('%s', (_label, from, to, expected) => {
    expect(splitIntoMonths(from, to)).toEqual(expected);
  });
});
