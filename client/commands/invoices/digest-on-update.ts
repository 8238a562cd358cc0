import type { ConnectionUpdate } from '../../../db/connections-store';
import type { CliContext } from '../../context';
import { actingIdentity } from '../../identity';
import { applyInvoiceDigestSchedule } from './digest-schedule';

const digestAt = (c: ConnectionUpdate['after']) => (c.settings as { invoices?: { dailyDigestAt?: string | null } }).invoices?.dailyDigestAt ?? null;

/** `connections update` changed `settings.invoices.dailyDigestAt`: set or remove the digest's schedule to match. */
export async function applyDigestIfChanged(ctx: CliContext, update: ConnectionUpdate): Promise<'set' | 'removed' | undefined> {
  if (digestAt(update.before) === digestAt(update.after)) return undefined;
  const { client, taskQueue } = await ctx.temporal();
  const done = await applyInvoiceDigestSchedule(client, ctx.database(), update.after, taskQueue, actingIdentity(undefined));
  return done === 'none' ? undefined : done;
}

/** `connections add` with `settings.invoices.dailyDigestAt`: the digest's schedule from the start. */
export async function applyDigestOnAdd(ctx: CliContext, added: ConnectionUpdate['after']): Promise<'set' | undefined> {
  if (!digestAt(added)) return undefined;
  const { client, taskQueue } = await ctx.temporal();
  return (await applyInvoiceDigestSchedule(client, ctx.database(), added, taskQueue, actingIdentity(undefined))) === 'set' ? 'set' : undefined;
}
