/** What an import of a dataset's file did, row by row: as the CLI prints it and an import job reports it. */
export interface ImportSummary {
  read: number;
  new: number;
  amended: number;
  unchanged: number;
  retracted: number;
  rejected: number;
  rejections: { line: number; reason: string }[];
  provisionalActors: string[];
  sha256: string;
  /** The position of the last event appended, for a reader waiting on the projections. */
  lastPosition?: string;
}
