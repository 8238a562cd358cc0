export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  env: NodeJS.ProcessEnv;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdin: process.stdin,
  env: process.env,
};

/**
 * What went wrong, as `--json` prints it (`{"error": "...", "code": "..."}` on stderr), and the exit code it gives:
 * USAGE, CONFIG and NOT_FOUND exit 2 (the command was asked wrongly: fix the arguments or the environment);
 * REFUSED and FAILED exit 1 (the command ran: it was refused in this state, or it failed).
 */
export const ERROR_CODES = ['USAGE', 'CONFIG', 'NOT_FOUND', 'REFUSED', 'FAILED'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** 0 ok; 1 the command ran but failed or found problems; 2 bad usage or configuration. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export const exitCodeOf = (code: ErrorCode): number => (code === 'REFUSED' || code === 'FAILED' ? EXIT_FAILED : EXIT_USAGE);

/** Bad arguments or options (exit 2). */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** An argument names something that does not exist: a connection, an employee, a run (exit 2). */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

/** The command was refused in the current state, e.g. a run already open or already finished (exit 1). */
export class RefusedError extends Error {
  override name = 'RefusedError';
}

/** Errors of other layers by name (the CLI does not import them all): which code each is. Anything else: FAILED. */
const CODE_BY_ERROR_NAME: Record<string, ErrorCode> = {
  UsageError: 'USAGE',
  InvalidConnectionError: 'USAGE',
  ConfigError: 'CONFIG',
  NotFoundError: 'NOT_FOUND',
  ConnectionNotFoundError: 'NOT_FOUND',
  WorkflowNotFoundError: 'NOT_FOUND',
  RefusedError: 'REFUSED',
  RunRefusedError: 'REFUSED',
  ConnectionBusyError: 'REFUSED',
};

export function errorCodeOf(err: unknown): ErrorCode {
  const name = err instanceof Error ? err.name : undefined;
  return (name && CODE_BY_ERROR_NAME[name]) || 'FAILED';
}

/** Prints `value` as JSON with --json, else as the lines `human` makes of it. */
export function output<T>(io: CliIo, json: boolean, value: T, human: (v: T) => string): void {
  io.stdout(json ? `${JSON.stringify(value, null, 2)}\n` : `${human(value)}\n`);
}

export function table(rows: Array<Record<string, unknown>>, columns: string[]): string {
  if (rows.length === 0) return '(none)';
  const cells = rows.map((r) => columns.map((c) => String(r[c] ?? '')));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i].length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
