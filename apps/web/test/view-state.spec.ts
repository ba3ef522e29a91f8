import { DEFAULT_VIEW, filterParams, formatViewState, noFilters, parseViewState } from '../src/view-state.js';

describe('The map’s state in the URL', () => {
  it('round-trips filters, view and the open incident', () => {
    const state = {
      filters: { ...noFilters(), from: '2014-05-01', to: '2014-05-31', types: ['battles' as const], subTypes: ['armed_clash'], actors: ['mnla', 'fama'], targets: ['peacekeepers' as const], verification: ['verified' as const], showRetracted: true },
      view: { lat: 18.4411, lon: 1.4078, zoom: 9 },
      incident: '0b5f4a52-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
    };
    const search = formatViewState(state);
    expect(search).toContain('type=battles');
    expect(search).toContain('retracted=1');
    expect(parseViewState(`?${search}`)).toEqual(state);
  });

  it('ignores what it does not know, and sub-types of types not chosen', () => {
    const state = parseViewState('?type=battles,bogus&subType=armed_clash,peaceful_protest&target=nobody&from=yesterday&lat=999&z=x');
    expect(state.filters.types).toEqual(['battles']);
    expect(state.filters.subTypes).toEqual(['armed_clash']);
    expect(state.filters.targets).toEqual([]);
    expect(state.filters.from).toBe('');
    expect(state.view).toEqual(DEFAULT_VIEW);
    expect(state.incident).toBeNull();
  });

  it('asks the API for active incidents only, unless retracted ones are wanted', () => {
    expect(filterParams(noFilters()).toString()).toBe('status=active');
    expect(filterParams({ ...noFilters(), showRetracted: true }).toString()).toBe('');
    expect(filterParams({ ...noFilters(), types: ['riots'], subTypes: ['armed_clash', 'mob_violence'] }).get('subType')).toBe('mob_violence');
  });
});
