import { defineQuery } from '@temporalio/workflow';
import type { MasterDataProgress } from './types';

/** The same query name as the employee sync's, so `xsync sync status` asks every kind alike. */
export const masterDataProgressQuery = defineQuery<MasterDataProgress>('progress');
