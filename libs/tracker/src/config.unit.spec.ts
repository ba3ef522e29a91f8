import { readConfig } from './config.js';

describe('Configuration', () => {
  it('listens on loopback unless HOST says otherwise', () => {
    expect(readConfig({}).host).toBe('127.0.0.1');
    expect(readConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('says what the data covers as TRACKER_CONTEXT tells, the demo set’s coverage otherwise', () => {
    expect(readConfig({}).context).toBe('Northern Mali, 2012–2015');
    expect(readConfig({ TRACKER_CONTEXT: ' Mali, 2012–2024 (ACLED) ' }).context).toBe('Mali, 2012–2024 (ACLED)');
  });
});
