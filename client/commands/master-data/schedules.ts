import { describeSchedule, scheduleIdOf } from '../../../temporal/schedules';
import { MASTER_DATA_TYPES, type MasterDataType } from '../../../domain/master-data/index';
import type { CliContext } from '../../context';

/** The next run Temporal has scheduled for each master-data type of a connection (types without a schedule: absent). */
export async function nextScheduledRuns(ctx: CliContext, connectionName: string): Promise<Map<MasterDataType, Date>> {
  const { client } = await ctx.temporal();
  const out = new Map<MasterDataType, Date>();
  const whole = await describeSchedule(client, scheduleIdOf(connectionName, 'master-data'));
  for (const type of MASTER_DATA_TYPES) {
    const d = (await describeSchedule(client, `${scheduleIdOf(connectionName, 'master-data')}.${type}`)) ?? whole;
    const next = d?.info.nextActionTimes?.[0];
    if (next) out.set(type, next);
  }
  return out;
}
