import type { Command } from 'commander';
import { createHistoryStore } from '../../../db/employees/history-store';
import type { CliContext } from '../../context';
import { output, table } from '../../io';

/** `xsync history E00004`: every recorded change of one employee, with who decided each chosen value. */
export function registerEmployeeHistoryCommand(program: Command, ctx: CliContext, json: () => boolean): void {
  program
    .command('history')
    .argument('<employee-number>')
    .option('--connection <name>', 'only this connection')
    .description('every recorded change of one employee across runs, and who decided it (national ids and bank accounts masked)')
    .action(async (employeeNumber: string, opts) => {
      const rows = (await createHistoryStore(ctx.database()).forEmployee(employeeNumber, opts.connection)).map((r) => ({
        ...r,
        recorded_at: r.recorded_at.toISOString(),
        decided_at: r.decided_at ? r.decided_at.toISOString() : null,
      }));
      output(ctx.io, json(), rows, (v) =>
        v.length === 0
          ? `No history for employee ${employeeNumber}.`
          : table(
              v.map((r) => ({ ...r, change: r.field ? `${r.old_value ?? '(empty)'} → ${r.new_value ?? '(empty)'}` : '' })),
              ['recorded_at', 'event', 'field', 'change', 'direction', 'detail'],
            ),
      );
    });
}
