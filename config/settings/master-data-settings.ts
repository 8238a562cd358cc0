import { z } from 'zod';
import { MASTER_DATA_TYPES } from '../../domain/master-data/catalog';

/** The master-data kind's settings of a connection (`settings.masterData`). */
export const masterDataSettingsSchema = z
  .object({
    /** The types scheduled runs read (`xsync schedules set … --kind master-data` makes one schedule per type). */
    types: z.array(z.enum(MASTER_DATA_TYPES)).default([...MASTER_DATA_TYPES]),
    /** Hours between full reads of a part that is otherwise read incrementally: deletions are only found by full reads. */
    fullReadEveryHours: z.number().positive().default(24),
    /** Nodes per Xledger request (Xledger's cap is 10,000; big pages can time out). */
    pageSize: z.number().int().min(1).max(10_000).default(5_000),
    /** Resolve projects' managers to emails through the Xledger employee table (SEMINE's project-manager sync). */
    projectManagers: z.boolean().default(true),
  })
  .strict();

export type MasterDataSettings = z.infer<typeof masterDataSettingsSchema>;
