import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { ChangesSignal, RealtimeState } from './types';

export const changesSignal = defineSignal<[ChangesSignal]>('changes');
export const realtimeStateQuery = defineQuery<RealtimeState>('realtimeState');
