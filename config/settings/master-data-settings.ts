import { z } from 'zod';
import { MASTER_DATA_TYPES, TYPE_INTERVAL_MINUTES } from '../../domain/master-data/catalog';

/** The master-data kind's settings of a connection (`settings.masterData`). */
export const masterDataSettingsSchema = z
  .object({
    /** The types scheduled runs read. */
    types: z.array(z.enum(MASTER_DATA_TYPES)).default([...MASTER_DATA_TYPES]),
    /**
     * Minutes between scheduled reads of each type (SEMINE's defaults: suppliers 30, dimensions and projects 60, fixed
     * assets 360, accounts, currencies and VAT codes 1,440). The connection's one master-data schedule fires at the
     * shortest; each run reads the types that are due.
     */
    intervalMinutes: z
      .partialRecord(z.enum(MASTER_DATA_TYPES), z.number().int().positive())
      .default({})
      .transform((given) => ({ ...TYPE_INTERVAL_MINUTES, ...given })),
    /** Hours between full reads of a part that is otherwise read incrementally: deletions are only found by full reads. */
    fullReadEveryHours: z.number().positive().default(24),
    /** Nodes per Xledger request (Xledger's cap is 10,000; big pages can time out). */
    pageSize: z.number().int().min(1).max(10_000).default(5_000),
    /** Resolve projects' managers to emails through the Xledger employee table (SEMINE's project-manager sync). */
    projectManagers: z.boolean().default(true),
  })
  .strict();

export type MasterDataSettings = z.infer<typeof masterDataSettingsSchema>;
