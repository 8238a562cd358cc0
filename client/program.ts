import { Command, CommanderError } from 'commander';
import { registerAdminCommands } from './commands/admin/prepare';
import { registerConnectionCommands } from './commands/connections';
import { registerMasterDataCommands } from './commands/master-data/masterdata';
import { registerDoctorCommand } from './commands/doctor';
import { registerHrCommands } from './commands/hr';
import { registerInvoiceCommands } from './commands/invoices/index';
import { registerKeyCommands } from './commands/keys/keys';
import { registerRunsCommands } from './commands/runs';
import { registerScheduleCommands } from './commands/schedules';
import { registerSyncCommands } from './commands/sync';
import { registerAbsenceCommands } from './commands/absences/absences';
import { registerPushCommands } from './commands/realtime/push-status';
import { CliContext } from './context';
import { errorCodeOf, EXIT_FAILED, EXIT_OK, EXIT_USAGE, exitCodeOf, processIo, type CliIo, type ErrorCode } from './io';

export function createProgram(ctx: CliContext, opts: { json?: boolean; onCommanderError?: (message: string) => void } = {}): Command {
  const program = new Command('xsync')
    .description('xledger-sync admin CLI')
    .option('--json', 'print machine-readable JSON (errors too: {"error", "code"} on stderr)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.io.stdout(s),
      // With --json, commander's own error text (and the help it shows for a missing subcommand) gives way to the JSON error line.
      writeErr: (s) => (opts.json ? undefined : ctx.io.stderr(s)),
      outputError: (s, write) => (opts.json ? opts.onCommanderError?.(s) : write(s)),
    })
    .showHelpAfterError(false)
    .addHelpText(
      'after',
      `\nExit codes: ${EXIT_OK} ok; ${EXIT_FAILED} the command ran but failed, was refused or found problems; ${EXIT_USAGE} bad usage or configuration.`,
    );
  registerConnectionCommands(program, ctx);
  registerDoctorCommand(program, ctx);
  registerHrCommands(program, ctx);
  registerSyncCommands(program, ctx);
  registerRunsCommands(program, ctx);
  registerScheduleCommands(program, ctx);
  registerAbsenceCommands(program, ctx);
  registerInvoiceCommands(program, ctx);
  registerMasterDataCommands(program, ctx);
  registerKeyCommands(program, ctx);
  registerAdminCommands(program, ctx);
  registerPushCommands(program, ctx);
  return program;
}

/** `--json` given as an option (anywhere before a `--`: commander reads program options after subcommands too). */
function wantsJson(argv: string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
}

/** Commander's "error: unknown option '--x'\n" → "unknown option '--x'". */
const commanderMessage = (text: string) =>
  text
    .replace(/^error:\s*/i, '')
    .split('\n')[0]
    .trim();

/**
 * Runs the CLI and returns its exit code: 0 ok, 1 the command ran but failed (or was refused, or found problems),
 * 2 bad usage or configuration. Errors print as one line, `error: ...`, or with --json as one JSON line on stderr:
 * {"error": "...", "code": "USAGE" | "CONFIG" | "NOT_FOUND" | "REFUSED" | "FAILED"}. XSYNC_DEBUG=1 adds the stack.
 */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const ctx = new CliContext(io);
  const json = wantsJson(argv);
  const debug = io.env.XSYNC_DEBUG === '1';
  const report = (message: string, code: ErrorCode, stack?: string) => {
    if (json) io.stderr(`${JSON.stringify({ error: message, code, ...(debug && stack ? { stack } : {}) })}\n`);
    else {
      io.stderr(`error: ${message}\n`);
      if (debug && stack) io.stderr(`${stack}\n`);
    }
  };
  let commanderError: string | undefined;
  try {
    await createProgram(ctx, { json, onCommanderError: (s) => (commanderError = commanderMessage(s)) }).parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.exitCode === 0) return EXIT_OK;
      // Help shown for a missing subcommand has no error line of its own; with --json say what is missing.
      if (json) report(commanderError ?? (err.code === 'commander.help' ? 'a subcommand is required (see --help)' : commanderMessage(err.message)), 'USAGE');
      return EXIT_USAGE;
    }
    const error = err instanceof Error ? err : new Error(String(err));
    const code = errorCodeOf(error);
    report(error.message.split('\n')[0], code, error.stack);
    return exitCodeOf(code);
  } finally {
    await ctx.close();
  }
}
