/**
 * Errors the rules raise. Each has a stable `code` (clients may switch on it) and a kind;
 * the HTTP layer maps kinds to statuses in one place.
 */
export type DomainErrorKind = 'validation' | 'illegal_state' | 'not_found' | 'concurrency' | 'forbidden';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    /** The input field the error is about, when there is one (e.g. `location.lat`). */
    readonly field?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  constructor(code: string, message: string, field?: string) {
    super('validation', code, message, field);
  }
}

export class IllegalStateError extends DomainError {
  constructor(code: string, message: string, field?: string) {
    super('illegal_state', code, message, field);
  }
}

export class NotFoundError extends DomainError {
  constructor(code: string, message: string) {
    super('not_found', code, message);
  }
}

/** The rules do not let this actor do this to this record (e.g. amend another monitor's report). */
export class ForbiddenError extends DomainError {
  constructor(code: string, message: string) {
    super('forbidden', code, message);
  }
}

export class ConcurrencyError extends DomainError {
  constructor(code: string, message: string) {
    super('concurrency', code, message);
  }
}
