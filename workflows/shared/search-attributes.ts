import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Search attributes every run carries, so support staff can filter runs in Temporal UI. */
export const connectionKey = defineSearchAttributeKey('XsyncConnection', SearchAttributeType.KEYWORD);
export const runKindKey = defineSearchAttributeKey('XsyncRunKind', SearchAttributeType.KEYWORD);
export const triggerKey = defineSearchAttributeKey('XsyncTrigger', SearchAttributeType.KEYWORD);
export const statusKey = defineSearchAttributeKey('XsyncStatus', SearchAttributeType.KEYWORD);

export const allSearchAttributes = [connectionKey, runKindKey, triggerKey, statusKey] as const;
