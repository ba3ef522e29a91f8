import { unsafeUniformIntDistribution, xoroshiro128plus } from 'pure-rand';

const FRACTION = 2 ** 30;

/**
 * A seeded generator (pure-rand's xoroshiro128+): the same seed gives the same data, so every
 * benchmark run loads the same store and a property test's failure replays from its seed.
 */
export function seededRandom(seed: number) {
  const generator = xoroshiro128plus(seed);
  /** An integer in [min, max]. */
  const int = (min: number, max: number) => unsafeUniformIntDistribution(min, max, generator);
  /** A number in [0, 1). */
  const next = () => int(0, FRACTION - 1) / FRACTION;
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => items[int(0, items.length - 1)],
    /** A standard normal draw (Box–Muller). */
    gaussian: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
  };
}

export type SeededRandom = ReturnType<typeof seededRandom>;
