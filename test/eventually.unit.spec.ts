import { eventually } from './eventually.js';

describe('eventually', () => {
  it('returns what the check returns once it holds', async () => {
    let calls = 0;
    await expect(eventually('the third call', () => ++calls >= 3 && calls, { intervalMs: 1 })).resolves.toBe(3);
  });

  it('fails naming what did not happen once the time is up', async () => {
    const started = Date.now();
    await expect(eventually('the follower reads it', () => false, { timeoutMs: 50, intervalMs: 5 })).rejects.toThrow(
      'the follower reads it: not within 50 ms',
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(50);
  });
});
