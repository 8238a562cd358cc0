import type { CliIo } from './io';
import { UsageError } from './io';

export async function readAllStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads a line from a terminal without echoing it. */
function promptHidden(io: CliIo, question: string): Promise<string> {
  const stdin = io.stdin;
  return new Promise((resolve, reject) => {
    io.stderr(question);
    let value = '';
    stdin.setRawMode?.(true);
    stdin.resume();
    const onData = (data: Buffer) => {
      for (const ch of data.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return finish(() => resolve(value));
        if (ch === '\u0003') return finish(() => reject(new UsageError('cancelled')));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    const finish = (then: () => void) => {
      stdin.removeListener('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      io.stderr('\n');
      then();
    };
    stdin.on('data', onData);
  });
}

/**
 * The token comes from stdin (`--token-stdin`), an environment variable (`--token-env NAME`), or a hidden
 * prompt on a terminal; never from a command-line argument, which would land in shell history and `ps`.
 */
export async function readToken(io: CliIo, opts: { tokenStdin?: boolean; tokenEnv?: string }): Promise<string> {
  let token: string | undefined;
  if (opts.tokenStdin) token = await readAllStdin(io.stdin);
  else if (opts.tokenEnv) {
    token = io.env[opts.tokenEnv];
    if (token === undefined) throw new UsageError(`the environment variable ${opts.tokenEnv} named by --token-env is not set`);
  } else if (io.stdin.isTTY) token = await promptHidden(io, 'Xledger API token (input hidden): ');
  else throw new UsageError('no token given: use --token-stdin, --token-env NAME, or run in a terminal to be prompted');
  token = token.trim();
  if (!token) throw new UsageError('the Xledger API token is empty');
  return token;
}
