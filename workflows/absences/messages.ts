import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { AbsenceDecisionProgress, AbsenceDecisionRequest, AbsencePendingPage, AbsenceRunProgress } from './types';

/** The absence run's messages; the names are the employee run's, so `sync status` and `sync cancel` serve both kinds. */
export const absenceProgressQuery = defineQuery<AbsenceRunProgress>('progress');
export const absencePendingQuery = defineQuery<AbsencePendingPage, [{ offset?: number; limit?: number }?]>('pendingDecisions');
export const absenceDecideUpdate = defineUpdate<AbsenceDecisionProgress, [AbsenceDecisionRequest]>('decide');
export const absenceCancelSignal = defineSignal<[{ reason?: string }?]>('cancel');
