import { ConfigError } from './config';

/**
 * Runs an entry point and turns failures into one line on stderr and a non-zero exit:
 * 2 for bad configuration or usage, 1 for anything else. Stack traces only with XSYNC_DEBUG=1.
 */
export function runMain(main: () => Promise<void | number>): void {
  main().then(
    (code) => {
      // Native handles (the Temporal runtime, pg pools of libraries) may keep the loop alive after the work is done.
      process.exit(typeof code === 'number' ? code : 0);
    },
    (err: unknown) => {
      const error = err instanceof Error ? err : new Error(String(err));
      process.stderr.write(`error: ${error.message.split('\n')[0]}\n`);
      if (process.env.XSYNC_DEBUG === '1' && error.stack) process.stderr.write(`${error.stack}\n`);
      process.exit(error instanceof ConfigError || error.name === 'UsageError' ? 2 : 1);
    },
  );
}
