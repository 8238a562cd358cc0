import { z } from 'zod';
import { parseTypeList } from './catalog';

/**
 * A master-data run's own start options (`RunStartArgs.options`): the types to read (a list or "suppliers,accounts";
 * all when absent) and whether to read every part whole.
 */
export const masterDataStartOptions = z
  .object({
    types: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((v, ctx) => {
        if (v === undefined) return undefined;
        try {
          return parseTypeList(v);
        } catch (err) {
          ctx.addIssue({ code: 'custom', message: (err as Error).message });
          return z.NEVER;
        }
      }),
    full: z.boolean().optional(),
  })
  .strict();

export type MasterDataStartOptions = z.output<typeof masterDataStartOptions>;
