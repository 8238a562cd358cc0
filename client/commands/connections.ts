import fs from 'node:fs';
import type { Command } from 'commander';
import type { Connection } from '../../db/connections-repo';
import type { CliContext } from '../context';
import { output, table, UsageError } from '../io';
import { readToken } from '../read-secret';

/** What the CLI shows of a connection: never the token, only that it is stored encrypted and under which key. */
function describe(c: Connection) {
  return {
    name: c.name,
    xledgerUrl: c.xledgerUrl,
    ownerEntityId: c.ownerEntityId,
    token: `stored encrypted (key ${c.tokenKeyId})`,
    settings: c.settings,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

function readSettingsFile(file: string | undefined): unknown {
  if (!file) return undefined;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read the settings file ${file}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`the settings file ${file} is not valid JSON: ${(err as Error).message}`);
  }
}

export function registerConnectionCommands(program: Command, ctx: CliContext): void {
  const json = () => Boolean(program.opts().json);
  const connections = program.command('connections').description('manage Xledger connections');

  connections
    .command('add')
    .description('add a connection; the token is read from stdin, an env variable or a hidden prompt and stored encrypted')
    .argument('<name>', 'a short name, e.g. "acme-prod"')
    .requiredOption('--url <url>', 'Xledger GraphQL endpoint, e.g. https://demo.xledger.net/graphql')
    .requiredOption('--owner-entity <dbId>', "the owner entity's dbId in Xledger")
    .option('--token-stdin', 'read the API token from standard input')
    .option('--token-env <name>', 'read the API token from this environment variable')
    .option('--settings-file <file>', 'JSON file with the connection settings (recipients, scope, policies)')
    .option('--recipients <emails>', 'comma-separated result email recipients')
    .action(async (name: string, opts) => {
      const token = await readToken(ctx.io, opts);
      const settings = (readSettingsFile(opts.settingsFile) ?? {}) as Record<string, unknown>;
      if (opts.recipients) settings.recipients = String(opts.recipients).split(',').map((s) => s.trim()).filter(Boolean);
      const added = await ctx.connections().add({ name, xledgerUrl: opts.url, ownerEntityId: opts.ownerEntity, token, settings });
      output(ctx.io, json(), describe(added), (c) => `Added connection "${c.name}" (${c.xledgerUrl}, owner entity ${c.ownerEntityId}); token ${c.token}.`);
    });

  connections
    .command('list')
    .description('list connections')
    .action(async () => {
      const all = (await ctx.connections().list()).map(describe);
      output(ctx.io, json(), all, (rows) => table(rows, ['name', 'xledgerUrl', 'ownerEntityId', 'updatedAt']));
    });

  connections
    .command('show')
    .argument('<name>')
    .description('show one connection (never its token)')
    .action(async (name: string) => {
      const c = describe(await ctx.connections().get(name));
      output(ctx.io, json(), c, (v) =>
        [`name:          ${v.name}`, `xledger url:   ${v.xledgerUrl}`, `owner entity:  ${v.ownerEntityId}`, `token:         ${v.token}`, `settings:      ${JSON.stringify(v.settings)}`].join('\n'),
      );
    });

  connections
    .command('remove')
    .argument('<name>')
    .description('remove a connection and its run records')
    .action(async (name: string) => {
      await ctx.connections().remove(name);
      output(ctx.io, json(), { removed: name }, (v) => `Removed connection "${v.removed}".`);
    });
}
