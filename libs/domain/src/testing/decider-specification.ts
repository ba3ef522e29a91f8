/**
 * Given events, when a command, then events or an error: decider tests read as the rule.
 */
export function deciderSpecification<Command, Event, State, Context>(decider: {
  decide(command: Command, state: State, context: Context): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}) {
  return (given: Event[]) => ({
    when: (command: Command, context: Context) => {
      const run = () => decider.decide(command, given.reduce(decider.evolve, decider.initialState()), context);
      return {
        then: (expected: Event[]) => expect(run()).toEqual(expected),
        thenThrows: (match: Record<string, unknown>) => {
          let thrown: unknown;
          try {
            run();
          } catch (error) {
            thrown = error;
          }
          expect(thrown).toMatchObject(match);
        },
      };
    },
  });
}
