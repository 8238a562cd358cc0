import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { DecisionProgress, DecisionRequest, PendingPage, RunProgress } from './types';

/** Declared once at module top, so client and workflow share names and types. */
export const progressQuery = defineQuery<RunProgress>('progress');
export const pendingDecisionsQuery = defineQuery<PendingPage, [{ offset?: number; limit?: number }?]>('pendingDecisions');
/** Decisions with validation: a bad decision is rejected before it enters history. */
export const decideUpdate = defineUpdate<DecisionProgress, [DecisionRequest]>('decide');
/** The same decisions fire-and-forget; invalid ones are ignored (and logged by the workflow). */
export const decideSignal = defineSignal<[DecisionRequest]>('decide');
export const cancelSignal = defineSignal<[{ reason?: string }?]>('cancel');
