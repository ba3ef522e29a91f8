/**
 * An aggregate's rules as three pure functions: what a command executor (read, fold, decide,
 * append) and the given/when/then specs need, whatever the stream.
 */
export interface Decider<Command, Event, State, Context = { now: Date }> {
  decide(command: Command, state: State, context: Context): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}
