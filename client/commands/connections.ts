import fs from 'node:fs';
import type { Command } from 'commander';
import { TimeoutFailure, WorkflowFailedError } from '@temporalio/client';
import { connectionSettingsSchema } from '../../config/connection-settings';
import {
  ConnectionBusyError,
  InvalidConnectionError,
  type Connection,
  type ConnectionChanges,
  type ConnectionRemoval,
  type ConnectionUpdate,
} from '../../db/connections-store';
import { checkConnection, type ConnectionCheckResult } from '../../workflows/admin/check-connection';
import { realtimeWorkflowId } from '../../workflows/realtime/employee-realtime';
import { endPushWorkflow } from '../../realtime/end-push-workflow';
import type { CliContext } from '../context';
import { output, table, UsageError } from '../io';
import { createSchedulesService } from '../schedules-service';
import { applyDigestIfChanged, applyDigestOnAdd } from './invoices/digest-on-update';
import { invoiceDigestScheduleId } from './invoices/digest-schedule';
import { parsePositiveNumber } from '../options';
import { readToken } from '../read-secret';
import { INTEGRATION_PARTS, isIntegrationPart, type IntegrationPart } from '../../xledger/scopes';

/** Human form of `connections test`: a line on the connection, a table per scope area (when probed), the verdict. */
function formatCheck(r: ConnectionCheckResult): string {
  const lines = [
    `Connection "${r.connection}" (${r.xledgerUrl}, owner entity ${r.ownerEntityId})${r.checkedFor.length ? `, checked for: ${r.checkedFor.join(', ')}` : ''}`,
  ];
  if (r.areas.length > 0) {
    const needs = (n: { read: boolean; write: boolean }) => [n.read ? 'read' : null, n.write ? 'write' : null].filter(Boolean).join('/');
    const rows = r.areas.map((a) => ({
      area: a.area,
      needs: needs(a.needs),
      read: a.read,
      write: a.write,
      'used for': a.usedFor,
      // A plain "missing" speaks for itself; the detail matters for the other statuses.
      detail: a.read === 'error' || a.write === 'error' || a.read === 'unverified' || a.write === 'unverified' ? (a.detail ?? '') : '',
    }));
    lines.push('', table(rows, ['area', 'needs', 'read', 'write', 'used for', 'detail']), '');
  }
  if (r.ownerDbId !== undefined && r.ownerDbId !== r.ownerEntityId) lines.push(`Note: the first record read belongs to entity ${r.ownerDbId}.`);
  lines.push(...r.notes.map((n) => `Note: ${n}`));
  lines.push(r.ok ? r.verdict : `FAIL: ${r.verdict}`);
  return lines.join('\n');
}

/** `--for employees,absences` → the parts; an unknown part is a usage error naming the known ones. */
function parseParts(value: string | undefined): IntegrationPart[] {
  if (value === undefined) return [];
  const parts = value
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const unknown = parts.filter((p) => !isIntegrationPart(p));
  if (parts.length === 0 || unknown.length > 0) {
    throw new UsageError(`--for: ${unknown.length ? `unknown part "${unknown.join('", "')}"` : 'no part given'}; use ${INTEGRATION_PARTS.join(', ')}`);
  }
  return [...new Set(parts)] as IntegrationPart[];
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What `connections remove` says it removed, and what it kept (or, with --purge, deleted too). */
function describeRemoval(r: ConnectionRemoval, schedules: readonly string[], realtimePush: 'terminated' | 'not running'): string {
  const trail = [
    plural(r.runs, 'run', 'runs'),
    plural(r.runItems, "item's outcome", "items' outcomes"),
    plural(r.decisions, 'decision', 'decisions'),
    plural(r.history, 'history row', 'history rows'),
  ].join(', ');
  const gone = [
    plural(r.links, "link (the sync's memory of who is who)", "links (the sync's memory of who is who)"),
    schedules.length ? `schedules ${schedules.join(', ')}` : 'no schedules',
    ...(realtimePush === 'terminated' ? [`its real-time push workflow (${realtimeWorkflowId(r.name)}, terminated)`] : []),
    ...(r.pendingPushes ? [plural(r.pendingPushes, 'HR change it had still to push', 'HR changes it had still to push')] : []),
  ];
  if (r.purged) {
    const earlier = r.removedBefore ? ` (with ${plural(r.removedBefore, 'connection', 'connections')} of that name removed earlier)` : '';
    return [`Purged connection "${r.name}"${earlier}.`, `Deleted: ${gone.join(', ')}; ${trail}.`].join('\n');
  }
  return [
    `Removed connection "${r.name}".`,
    `Deleted: ${gone.join(', ')}; its API token.`,
    `Kept for the audit trail: ${trail} (runs list, sync status and history still show them; remove --purge deletes them).`,
  ].join('\n');
}

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

/** `--recipients a,b` → the list. */
const recipientList = (value: string): string[] =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** One changed value of `connections update`; a token is never shown, only the key it is now stored under. */
interface Change {
  what: string;
  from?: unknown;
  to?: unknown;
}

/** The leaves of a settings object by dotted path; arrays are leaves (they replace, they do not merge). */
function leaves(value: unknown, path: string, out = new Map<string, unknown>()): Map<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [key, v] of Object.entries(value)) leaves(v, `${path}.${key}`, out);
  } else out.set(path, value);
  return out;
}

function changesOf({ before, after, tokenReplaced }: ConnectionUpdate): Change[] {
  const changes: Change[] = [];
  if (before.xledgerUrl !== after.xledgerUrl) changes.push({ what: 'xledgerUrl', from: before.xledgerUrl, to: after.xledgerUrl });
  if (before.ownerEntityId !== after.ownerEntityId) changes.push({ what: 'ownerEntityId', from: before.ownerEntityId, to: after.ownerEntityId });
  if (tokenReplaced) changes.push({ what: 'token', to: `replaced (key ${after.tokenKeyId})` });
  const was = leaves(before.settings, 'settings');
  const now = leaves(after.settings, 'settings');
  for (const path of new Set([...now.keys(), ...was.keys()])) {
    if (JSON.stringify(was.get(path)) !== JSON.stringify(now.get(path))) changes.push({ what: path, from: was.get(path), to: now.get(path) });
  }
  return changes;
}

const shown = (v: unknown) => (v === undefined ? '(not set)' : JSON.stringify(v));
const changeLine = (c: Change) => (c.what === 'token' ? `  token ${String(c.to)}` : `  ${c.what}: ${shown(c.from)} → ${shown(c.to)}`);

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
    .option('--settings-file <file>', 'JSON file with the connection settings: {recipients, employees: {scope, policies, …}}')
    .option('--recipients <emails>', 'comma-separated result email recipients')
    .action(async (name: string, opts) => {
      const token = await readToken(ctx.io, opts);
      const settings = (readSettingsFile(opts.settingsFile) ?? {}) as Record<string, unknown>;
      if (opts.recipients) settings.recipients = recipientList(String(opts.recipients));
      const added = await ctx
        .connections()
        .add({ name, xledgerUrl: opts.url, ownerEntityId: opts.ownerEntity, token, settings })
        .catch((err: Error) => {
          // Bad input (a URL that is not https, bad settings …) is a usage error: exit 2, as with update.
          throw /^Invalid connection/.test(err.message) ? new UsageError(err.message) : err;
        });
      await applyDigestOnAdd(ctx, added);
      output(ctx.io, json(), describe(added), (c) => `Added connection "${c.name}" (${c.xledgerUrl}, owner entity ${c.ownerEntityId}); token ${c.token}.`);
    });

  connections
    .command('update')
    .description('change a connection: only what is given changes; the token is read from stdin or an env variable, as in add')
    .argument('<name>', 'the connection to change')
    .option('--url <url>', 'new Xledger GraphQL endpoint')
    .option('--owner-entity <dbId>', "new owner entity's dbId in Xledger")
    .option('--token-stdin', 'replace the API token with the one read from standard input')
    .option('--token-env <name>', 'replace the API token with the one in this environment variable')
    .option('--settings-file <file>', 'JSON file with the settings to change; it may be partial (see below)')
    .option('--recipients <emails>', 'comma-separated result email recipients (replaces the list)')
    .addHelpText(
      'after',
      [
        '',
        'The settings file is merged into the stored settings: objects merge key by key at every depth, arrays and',
        'single values replace what was there, and null removes a key so its default applies again. E.g. a file with',
        'only {"employees":{"createInXledger":"auto"}} changes that one setting. The result is validated as in add.',
      ].join('\n'),
    )
    .action(async (name: string, opts) => {
      if (opts.tokenStdin && opts.tokenEnv !== undefined) throw new UsageError('--token-stdin and --token-env: give only one');
      const changes: ConnectionChanges = {};
      if (opts.url !== undefined) changes.xledgerUrl = opts.url;
      if (opts.ownerEntity !== undefined) changes.ownerEntityId = opts.ownerEntity;
      const file = readSettingsFile(opts.settingsFile);
      if (file !== undefined && (typeof file !== 'object' || file === null || Array.isArray(file))) {
        throw new UsageError(`--settings-file: ${opts.settingsFile} must hold a JSON object such as {"employees":{"createInXledger":"auto"}}`);
      }
      const settings = file as Record<string, unknown> | undefined;
      if (opts.recipients !== undefined) {
        const recipients = recipientList(String(opts.recipients));
        const valid = connectionSettingsSchema.shape.recipients.safeParse(recipients);
        if (!valid.success) {
          const bad = valid.error.issues.map((i) => `"${recipients[Number(i.path[0])]}" ${i.message}`).join('; ');
          throw new UsageError(`--recipients: ${bad}`);
        }
        changes.settings = { ...settings, recipients };
      } else if (settings !== undefined) changes.settings = settings;
      const giveToken = Boolean(opts.tokenStdin) || opts.tokenEnv !== undefined;
      if (!giveToken && Object.keys(changes).length === 0) {
        throw new UsageError('nothing to change: give --url, --owner-entity, --token-stdin or --token-env, --settings-file or --recipients');
      }
      if (giveToken) changes.token = await readToken(ctx.io, opts);
      const argument: Record<keyof ConnectionChanges, string> = {
        xledgerUrl: '--url',
        ownerEntityId: '--owner-entity',
        token: opts.tokenStdin ? '--token-stdin' : '--token-env',
        settings: opts.settingsFile ? `--settings-file ${opts.settingsFile}` : '--recipients',
      };
      let update: ConnectionUpdate;
      try {
        update = await ctx.connections().update(name, changes);
      } catch (err) {
        if (err instanceof InvalidConnectionError) {
          // One line naming the argument; the token itself is never part of a message.
          throw new UsageError(`${argument[err.field]}: ${err.field === 'settings' ? err.detail : `${err.field} ${err.detail}`}`);
        }
        throw err;
      }
      const changed = changesOf(update);
      const digest = await applyDigestIfChanged(ctx, update);
      output(ctx.io, json(), { name, changed, connection: describe(update.after), ...(digest ? { digestSchedule: digest } : {}) }, (v) =>
        [
          v.changed.length === 0 ? `Connection "${v.name}": nothing changed.` : [`Updated connection "${v.name}":`, ...v.changed.map(changeLine)].join('\n'),
          ...(digest ? [`Invoice digest schedule ${invoiceDigestScheduleId(name)}: ${digest}.`] : []),
        ].join('\n'),
      );
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
        [
          `name:          ${v.name}`,
          `xledger url:   ${v.xledgerUrl}`,
          `owner entity:  ${v.ownerEntityId}`,
          `token:         ${v.token}`,
          `settings:      ${JSON.stringify(v.settings)}`,
        ].join('\n'),
      );
    });

  connections
    .command('test')
    .argument('<name>')
    .description("test a connection's API token against Xledger: reads employees and probes every scope the integration needs")
    .option('--for <parts>', `check only the scopes these parts need, comma-separated: ${INTEGRATION_PARTS.join(', ')}`)
    .option('--timeout <seconds>', 'how long to wait for the check workflow', '120')
    .action(async (name: string, opts) => {
      const parts = parseParts(opts.for);
      const timeoutSeconds = parsePositiveNumber(opts.timeout, '--timeout', { max: 3600 });
      await ctx.connections().get(name); // an unknown name fails here, before any workflow starts
      const { client, taskQueue } = await ctx.temporal();
      const workflowId = `check-connection.${name}.${new Date().toISOString().replace(/[:.]/g, '-')}`;
      let result: ConnectionCheckResult;
      try {
        result = await client.workflow.execute(checkConnection, {
          taskQueue,
          workflowId,
          args: [{ connectionName: name, ...(parts.length ? { parts } : {}) }],
          workflowExecutionTimeout: `${timeoutSeconds} seconds`,
          staticSummary: `Connection test: ${name}`,
        });
      } catch (err) {
        if (err instanceof WorkflowFailedError) {
          let root: Error = err;
          while (root.cause instanceof Error) root = root.cause; // WorkflowFailed → ActivityFailure → ApplicationFailure
          const cause = root.message;
          const timedOut = err.cause instanceof TimeoutFailure;
          throw new Error(
            timedOut
              ? `the connection test did not finish within ${timeoutSeconds} s (is a worker running? try \`xsync doctor\`); workflow ${workflowId}`
              : `the connection test failed: ${cause.split('\n')[0]} (workflow ${workflowId})`,
          );
        }
        throw err;
      }
      output(ctx.io, json(), { workflowId, ...result }, formatCheck);
      if (!result.ok) ctx.exitCode = 1;
    });

  connections
    .command('remove')
    .argument('<name>')
    .option('--purge', "also delete its runs, items' outcomes, decisions and history (and those of earlier removed connections of that name)")
    .description('remove a connection: its schedules (in Temporal too), links and token go; its runs, outcomes, decisions and history stay unless --purge')
    .action(async (name: string, opts: { purge?: boolean }) => {
      const connections = ctx.connections();
      const open = await connections.openRunOf(name);
      if (open) throw new ConnectionBusyError(name, open);
      const live = await connections.get(name).catch((err: Error) => {
        if (err.name === 'ConnectionNotFoundError') return undefined; // remove says why: never there, or removed (--purge)
        throw err;
      });
      // Its schedules first: a schedule left behind would start runs of a connection that no longer exists.
      let schedules: string[] = [];
      if (live) {
        const { client, taskQueue } = await ctx.temporal();
        schedules = await createSchedulesService(client, ctx.database(), taskQueue).remove(live);
      }
      const removal = await connections.remove(name, { purge: Boolean(opts.purge) });
      // Then its real-time push workflow: after the removal, so the relay (which pushes for live connections only)
      // does not start it again.
      let realtimePush: 'terminated' | 'not running' = 'not running';
      if (live) {
        const { client } = await ctx.temporal();
        if (await endPushWorkflow(client, name, `connection "${name}" removed`)) realtimePush = 'terminated';
      }
      output(ctx.io, json(), { ...removal, schedules, realtimePush }, (v) => describeRemoval(v, v.schedules, v.realtimePush));
    });
}
