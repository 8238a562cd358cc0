import { z } from 'zod';

/** An employee run's options (`xsync sync start --kind employees --full`): read everyone, whatever the bookmark says. */
export const employeeRunOptionsSchema = z.object({ full: z.boolean().optional() }).strict();

export type EmployeeRunOptions = z.infer<typeof employeeRunOptionsSchema>;
