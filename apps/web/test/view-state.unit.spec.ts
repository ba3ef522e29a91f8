import { DEFAULT_VIEW, filterParams, formatViewState, leafletBounds, noFilters, parseViewState } from '../src/view-state.js';

describe('The map’s state in the URL', () => {
  it('round-trips filters, view and the open incident', () => {
    const state = {
      filters: { ...noFilters(), from: '2014-05-01', to: '2014-05-31', types: ['battles' as const], subTypes: ['armed_clash'], actors: ['mnla', 'fama'], regions: ['Kidal', 'Gao'], districts: ['Tessalit'], targets: ['peacekeepers' as const], verification: ['verified' as const], showRetracted: true },
      view: { lat: 18.4411, lon: 1.4078, zoom: 9 },
      incident: '0b5f4a52-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
    };
    const search = formatViewState(state);
    expect(search).toContain('type=battles');
    expect(search).toContain('retracted=1');
    expect(search).toContain('admin1=Kidal%2CGao');
    expect(search).toContain('admin2=Tessalit');
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

  it('computes the bounds Leaflet will show, before Leaflet has loaded', () => {
    // The whole world is 512 px wide at zoom 1.
    expect(leafletBounds({ lat: 0, lon: 0, zoom: 1 }, 512, 512)).toEqual([-180, -85, 180, 85]);
    const [west, south, east, north] = leafletBounds({ lat: 18, lon: -2.5, zoom: 6 }, 980, 748);
    expect(east - west).toBeCloseTo((980 / (256 * 64)) * 360, 6);
    expect((west + east) / 2).toBeCloseTo(-2.5, 1);
    expect(south).toBeLessThan(18);
    expect(north).toBeGreaterThan(18);
  });
});
