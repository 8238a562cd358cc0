/** Shapes every run kind shares: how it was started, how it ended, and its counts. Only ids and counts. */

export type RunTrigger = 'manual' | 'schedule' | 'realtime';

/**
 * How a run ended. REFUSED: another run of the same connection and kind was open, so this one did nothing.
 * TERMINATED: Temporal ended the run without letting it clean up (only `terminate` does that).
 */
export type RunStatus = 'OK' | 'PARTIAL' | 'FAILED' | 'CANCELLED' | 'DRY_RUN' | 'REFUSED' | 'TERMINATED';

/** Counts by name; each kind says which names it has and how they read (its count labels). */
export type RunCounts = Record<string, number>;

/** [count name, label] pairs in the order emails and the CLI show them. */
export type CountLabels = ReadonlyArray<readonly [string, string]>;

/** How a kind's items read in emails: "some documents failed", a "Document no." column. */
export interface ItemWords {
  plural: string;
  keyColumn: string;
}
