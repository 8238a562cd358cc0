import { Command, CommanderError } from 'commander';
import { registerConnectionCommands } from './commands/connections';
import { registerDoctorCommand } from './commands/doctor';
import { registerHrCommands } from './commands/hr';
import { registerRunsCommands } from './commands/runs';
import { registerSyncCommands } from './commands/sync';
import { CliContext } from './context';
import { processIo, type CliIo } from './io';

export function createProgram(ctx: CliContext): Command {
  const program = new Command('xsync')
    .description('xledger-sync admin CLI')
    .option('--json', 'print machine-readable JSON')
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.io.stdout(s), writeErr: (s) => ctx.io.stderr(s) })
    .showHelpAfterError(false);
  registerConnectionCommands(program, ctx);
  registerDoctorCommand(program, ctx);
  registerHrCommands(program, ctx);
  registerSyncCommands(program, ctx);
  registerRunsCommands(program, ctx);
  return program;
}

/**
 * Runs the CLI and returns its exit code: 0 ok, 1 failure, 2 bad usage or configuration.
 * Errors print as one line; XSYNC_DEBUG=1 adds the stack.
 */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const ctx = new CliContext(io);
  try {
    await createProgram(ctx).parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    const error = err as Error;
    io.stderr(`error: ${error.message.split('\n')[0]}\n`);
    if (io.env.XSYNC_DEBUG === '1' && error.stack) io.stderr(`${error.stack}\n`);
    return error.name === 'ConfigError' || error.name === 'UsageError' ? 2 : 1;
  } finally {
    await ctx.close();
  }
}
