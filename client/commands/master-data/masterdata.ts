import type { Command } from 'commander';
import { createMirrorStore } from '../../../db/master-data/mirror-store';
import { createPartStateStore, type PartStatus } from '../../../db/master-data/state-store';
import { isMirrorPart, MIRROR_PARTS, nextReadOf, PART_SPECS, TYPE_PARTS, visibleOwnerIds, type MirrorPart } from '../../../domain/master-data/index';
import type { CliContext } from '../../context';
import { output, table, UsageError } from '../../io';
import { scheduledTimes } from './schedules';

/** A part's status line, as `xsync masterdata status` shows it and `--json` gives it. */
export interface PartStatusView {
  part: MirrorPart;
  rows: number;
  lastRunId: string | null;
  lastStatus: string | null;
  lastMode: string | null;
  lastReadAt: string | null;
  added: number | null;
  updated: number | null;
  deleted: number | null;
  unchanged: number | null;
  bookmark: string | null;
  lastFullReadAt: string | null;
  lastError: string | null;
  nextRun: string | null;
}

function bookmarkOf(s: PartStatus | undefined): string | null {
  if (!s) return null;
  if (s.deltaCursor) return `delta cursor ${s.deltaCursor}`;
  return s.since ? `modifiedAt ≥ ${s.since}` : null;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** `xsync masterdata status|list`: what the mirror holds and how each part's reads went. */
export function registerMasterDataCommands(program: Command, ctx: CliContext): void {
  const json = () => Boolean(program.opts().json);
  const md = program.command('masterdata').description('the master-data mirror: per-part status, and its records as a client entity sees them');

  md.command('status')
    .requiredOption('--connection <name>', 'the connection')
    .description('per part: last run, status, counts, bookmark, last full read, next scheduled run')
    .action(async (opts) => {
      const connection = await ctx.connections().get(opts.connection);
      const states = new Map((await createPartStateStore(ctx.database()).all(connection.id)).map((s) => [s.part, s]));
      const mirror = createMirrorStore(ctx.database());
      const times = await scheduledTimes(ctx, connection.name).catch(() => [] as Date[]);
      const { types: scheduled, intervalMinutes } = connection.settings.masterData;
      const views: PartStatusView[] = [];
      for (const part of MIRROR_PARTS) {
        const s = states.get(part);
        const type = (Object.keys(TYPE_PARTS) as Array<keyof typeof TYPE_PARTS>).find((t) => TYPE_PARTS[t].includes(part))!;
        views.push({
          part,
          rows: await mirror.liveCount(connection.id, PART_SPECS[part]),
          lastRunId: s?.lastRunId ?? null,
          lastStatus: s?.lastStatus ?? null,
          lastMode: s?.lastMode ?? null,
          lastReadAt: iso(s?.lastReadAt),
          added: s?.lastCounts?.added ?? null,
          updated: s?.lastCounts?.updated ?? null,
          deleted: s?.lastCounts?.deleted ?? null,
          unchanged: s?.lastCounts?.unchanged ?? null,
          bookmark: bookmarkOf(s),
          lastFullReadAt: iso(s?.lastFullReadAt),
          lastError: s?.lastError ?? null,
          nextRun: scheduled.includes(type) ? iso(nextReadOf(s?.lastOkAt ?? null, intervalMinutes[type], times)) : null,
        });
      }
      output(ctx.io, json(), views, (v) =>
        table(
          v.map((r) => ({
            ...r,
            status: r.lastStatus ?? 'never read',
            counts: r.added === null ? '' : `+${r.added} ~${r.updated} -${r.deleted} =${r.unchanged}`,
            error: r.lastError ?? '',
          })),
          ['part', 'rows', 'status', 'lastMode', 'lastReadAt', 'counts', 'bookmark', 'lastFullReadAt', 'nextRun', 'error'],
        ),
      );
    });

  md.command('list')
    .argument('<type>', `what to list: ${MIRROR_PARTS.join(', ')} (or dimensions)`)
    .requiredOption('--connection <name>', 'the connection')
    .option('--client-entity <dbId>', "what this client entity sees: the owner entity's records and its own, never another client's")
    .option('--search <text>', 'only records whose code or description contains this')
    .option('--deleted', 'include records marked deleted')
    .option('--limit <n>', 'at most this many rows', '1000')
    .description('records of a mirror table, by code')
    .action(async (type: string, opts) => {
      const part = type === 'dimensions' ? 'dimension-values' : type;
      if (!isMirrorPart(part)) throw new UsageError(`unknown type "${type}"; use ${MIRROR_PARTS.join(', ')}`);
      const clientEntity = opts.clientEntity === undefined ? undefined : Number(opts.clientEntity);
      if (clientEntity !== undefined && !Number.isInteger(clientEntity)) throw new UsageError(`--client-entity: "${opts.clientEntity}" is not an entity dbId`);
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit: "${opts.limit}" is not a positive whole number`);
      const connection = await ctx.connections().get(opts.connection);
      const rows = await createMirrorStore(ctx.database()).list(connection.id, PART_SPECS[part], {
        ...(clientEntity !== undefined ? { owners: visibleOwnerIds(connection.ownerEntityId, clientEntity) } : {}),
        ...(opts.search ? { search: String(opts.search) } : {}),
        includeDeleted: Boolean(opts.deleted),
        limit,
      });
      const views = rows.map((r) => ({ ...r, firstSeenAt: r.firstSeenAt.toISOString(), lastSeenAt: r.lastSeenAt.toISOString(), deletedAt: iso(r.deletedAt) }));
      output(ctx.io, json(), views, (v) =>
        table(
          v.map((r) => ({ ...r, ...r.fields })),
          [
            'dbId',
            'ownerDbId',
            'code',
            'description',
            ...Object.keys(PART_SPECS[part].columns).filter((c) => c !== 'rates' && c !== 'bank_account'),
            'modifiedAt',
            'deletedAt',
          ],
        ),
      );
    });
}
