/** Injection tokens for what the app is given rather than what Nest builds. */
export const EVENT_STORE = Symbol('EventStore');
export const READ_MODELS = Symbol('ReadModelDataSource');
export const TRACKER_OPTIONS = Symbol('TrackerOptions');
