import { describeSchedule, scheduleIdOf } from '../../../temporal/schedules';
import type { CliContext } from '../../context';

/** The next times the connection's master-data schedule fires (none: no schedule, or Temporal cannot say). */
export async function scheduledTimes(ctx: CliContext, connectionName: string): Promise<Date[]> {
  const { client } = await ctx.temporal();
  const d = await describeSchedule(client, scheduleIdOf(connectionName, 'master-data'));
  return d?.info.nextActionTimes ?? [];
}
