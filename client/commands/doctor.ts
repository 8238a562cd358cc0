import type { Command } from 'commander';
import { temporal } from '@temporalio/proto';
import { loadConfig } from '../../config/config';
import type { CliContext } from '../context';
import { createSchedulesService } from '../schedules-service';
import { checkCodecEndpoint } from './doctor-codec';
import { checkSmtp } from './doctor-smtp';
import { output } from '../io';
import { parsePositiveNumber } from '../options';
import { doctorWorkflow, type DoctorReport } from '../../workflows/admin/doctor';

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

async function check(name: string, run: () => Promise<string>): Promise<Check> {
  try {
    return { name, ok: true, detail: await run() };
  } catch (err) {
    return { name, ok: false, detail: (err as Error).message.split('\n')[0] };
  }
}

export function registerDoctorCommand(program: Command, ctx: CliContext): void {
  program
    .command('doctor')
    .description('check configuration, Temporal, a worker, the database (through a real workflow), the codec endpoint and SMTP')
    .option('--timeout <seconds>', 'how long to wait for the doctor workflow', '30')
    .action(async (opts) => {
      const timeoutSeconds = parsePositiveNumber(opts.timeout, '--timeout', { max: 3600 });
      const checks: Check[] = [];
      checks.push(await check('config', async () => (loadConfig(ctx.io.env), 'all settings valid')));
      const temporalCheck = await check('temporal', async () => {
        const { connection, namespace } = await ctx.temporal();
        const info = await connection.workflowService.getSystemInfo({});
        await connection.workflowService.describeNamespace({ namespace }).catch(() => {
          throw new Error(`namespace "${namespace}" does not exist (run the setup, or create it with \`temporal operator namespace create\`)`);
        });
        return `server ${info.serverVersion || 'unknown'}, namespace ${namespace}`;
      });
      checks.push(temporalCheck);
      if (temporalCheck.ok) {
        const workerCheck = await check('worker', async () => {
          const { connection, namespace, taskQueue } = await ctx.temporal();
          const pollersNow = async () =>
            (
              await connection.workflowService.describeTaskQueue({
                namespace,
                taskQueue: { name: taskQueue },
                taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
              })
            ).pollers ?? [];
          // A worker that has just started polls within a second or two: give it that long before saying none does.
          let pollers = await pollersNow();
          for (let i = 0; i < 10 && pollers.length === 0; i++) {
            await new Promise((r) => setTimeout(r, 500));
            pollers = await pollersNow();
          }
          if (!pollers.length) throw new Error(`no worker polls task queue "${taskQueue}" (start one with \`npm run worker\`)`);
          return `${pollers.length} poller(s) on task queue "${taskQueue}"`;
        });
        checks.push(workerCheck);
        if (workerCheck.ok) {
          const databaseCheck = await check('database', () => runDoctorWorkflow(ctx, timeoutSeconds));
          checks.push(databaseCheck);
          if (databaseCheck.ok) checks.push(await check('schedules', () => checkSchedules(ctx)));
        }
      }
      checks.push(await checkCodecEndpoint(ctx.io.env));
      checks.push(await checkSmtp(ctx.io.env));
      const ok = checks.every((c) => c.ok);
      output(ctx.io, Boolean(program.opts().json), { ok, checks }, (r) =>
        [...r.checks.map((c) => `${c.ok ? 'ok  ' : 'FAIL'}  ${c.name.padEnd(9)} ${c.detail}`), r.ok ? 'All checks passed.' : 'Some checks failed.'].join('\n'),
      );
      if (!ok) ctx.exitCode = 1;
    });
}

async function runDoctorWorkflow(ctx: CliContext, timeoutSeconds: number): Promise<string> {
  const { client, taskQueue } = await ctx.temporal();
  const report: DoctorReport = await client.workflow.execute(doctorWorkflow, {
    taskQueue,
    workflowId: `doctor-${new Date().toISOString().replace(/[:.]/g, '-')}`,
    workflowExecutionTimeout: `${timeoutSeconds} seconds`,
    staticSummary: 'Health check: worker → activity → database',
  });
  const db = report.database;
  const pending = db.pendingMigrations.length ? `, ${db.pendingMigrations.length} migration(s) pending — run \`npm run migrate\`` : ', schema up to date';
  if (db.pendingMigrations.length)
    throw new Error(`database ${db.database} reachable but ${db.pendingMigrations.length} migration(s) pending — run \`npm run migrate\``);
  return `${db.serverVersion}, database ${db.database}, ${db.latencyMs} ms${pending}, ${db.connections} connection(s)`;
}

/** Schedules in step with what admins asked, and none left behind by a removed connection. */
async function checkSchedules(ctx: CliContext): Promise<string> {
  const { client, taskQueue } = await ctx.temporal();
  const { schedules, orphans } = await createSchedulesService(client, ctx.database(), taskQueue).list();
  const drifting = schedules.filter((s) => s.drift.length > 0);
  const problems = [...drifting.map((s) => `${s.scheduleId}: ${s.drift.join('; ')}`), ...orphans.map((o) => `${o.scheduleId}: its connection is gone`)];
  if (problems.length) throw new Error(`${problems.join(' | ')} (see xsync schedules list)`);
  return `${schedules.length} schedule(s), in step with Temporal`;
}
