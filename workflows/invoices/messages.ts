import { defineQuery } from '@temporalio/workflow';
import type { InvoiceRunProgress } from './types';

/** Same name as every kind's progress query, so `xsync sync start --wait` and `sync status` work for this kind too. */
export const invoiceProgressQuery = defineQuery<InvoiceRunProgress>('progress');
