import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Search attributes every run carries, so support staff can filter runs in Temporal UI. */
export const connectionKey = defineSearchAttributeKey('XsyncConnection', SearchAttributeType.KEYWORD);
export const runKindKey = defineSearchAttributeKey('XsyncRunKind', SearchAttributeType.KEYWORD);
export const triggerKey = defineSearchAttributeKey('XsyncTrigger', SearchAttributeType.KEYWORD);
export const statusKey = defineSearchAttributeKey('XsyncStatus', SearchAttributeType.KEYWORD);
/** The Temporal Schedule that started a run (none for manual runs). */
export const scheduleIdKey = defineSearchAttributeKey('XsyncScheduleId', SearchAttributeType.KEYWORD);

/** How many decisions a run waits for (0 when none): "runs waiting for an admin" is `XsyncPendingDecisions > 0`. */
export const pendingDecisionsKey = defineSearchAttributeKey('XsyncPendingDecisions', SearchAttributeType.INT);

/** How an employee run read: `full` or `incremental` (why is in the run's details). */
export const readModeKey = defineSearchAttributeKey('XsyncReadMode', SearchAttributeType.KEYWORD);

export const allSearchAttributes = [connectionKey, runKindKey, triggerKey, statusKey, scheduleIdKey, pendingDecisionsKey, readModeKey] as const;
