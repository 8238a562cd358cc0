import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import pg from 'pg';
import type { ConnectionsStore } from '../db/connections-store';
import { createOutboxStore, OUTBOX_CHANNEL } from '../db/realtime/outbox-store';
import { connectionKey, runKindKey, triggerKey } from '../workflows/shared/search-attributes';
import { durationMs } from '../workflows/shared/durations';
import { employeeRealtime, realtimeWorkflowId } from '../workflows/realtime/employee-realtime';
import { changesSignal } from '../workflows/realtime/messages';

export interface RelayLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface OutboxRelayOptions {
  db: Knex;
  /** For the LISTEN connection (a pooled connection cannot hold a LISTEN). */
  databaseUrl: string;
  temporal: Client;
  taskQueue: string;
  connections: ConnectionsStore;
  /** Polls this often even without a notification (default 5 s): a NOTIFY sent while nobody listened is lost. */
  pollMs?: number;
  /** Hands a pending change over again when it has not settled this long after (default 2 minutes). */
  resignalAfterMs?: number;
  log?: RelayLogger;
}

/** Changes per signal: one push batch's worth, keeping each signal's payload small. */
const CHANGES_PER_SIGNAL = 500;
const RECONNECT_MS = 1_000;

/**
 * The outbox relay: fans HR outbox rows out to the connections that push in real time and hands each connection's
 * pending changes to its push workflow with `signalWithStart`. LISTEN wakes it at once; it also polls, and polls
 * right after every (re)connect. Nothing is lost if it stops at any point: a delivery is marked signalled only after
 * the signal was accepted, and one not settled in time is handed over again (the workflow deduplicates by outbox id).
 */
export class OutboxRelay {
  private readonly outbox;
  private listener: pg.Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  /** Passes made and changes handed over (for tests and the benchmark). */
  readonly stats = { passes: 0, signalled: 0, notifications: 0, reconnects: 0 };

  constructor(private readonly o: OutboxRelayOptions) {
    this.outbox = createOutboxStore(o.db);
  }

  async start(): Promise<void> {
    await this.listen();
    this.timer = setInterval(() => void this.wake(), this.o.pollMs ?? 5_000);
    void this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.running;
  }

  /** One pass now (or right after the one running): dispatch, then signal. */
  wake(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await this.pass();
        } catch (err) {
          this.o.log?.warn({ error: (err as Error).message }, 'relay pass failed; the next poll tries again');
        }
      } while (this.again && !this.stopped);
    })().finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(): Promise<void> {
    this.stats.passes += 1;
    const pushing = (await this.o.connections.list()).filter((c) => c.settings.employees.realtime.enabled);
    while ((await this.outbox.dispatch(pushing.map((c) => c.id))) > 0);
    for (const connection of pushing) {
      const debounceMs = durationMs(connection.settings.employees.realtime.debounce);
      for (;;) {
        const changes = await this.outbox.toSignal(connection.id, this.o.resignalAfterMs ?? 120_000, CHANGES_PER_SIGNAL);
        if (changes.length === 0) break;
        await this.o.temporal.workflow.signalWithStart(employeeRealtime, {
          workflowId: realtimeWorkflowId(connection.name),
          taskQueue: this.o.taskQueue,
          args: [{ connectionName: connection.name }],
          signal: changesSignal,
          signalArgs: [{ changes, debounceMs }],
          typedSearchAttributes: [
            { key: connectionKey, value: connection.name },
            { key: runKindKey, value: 'employees-realtime' },
            { key: triggerKey, value: 'realtime' },
          ],
          staticSummary: `Real-time push of "${connection.name}"`,
        });
        await this.outbox.markSignalled(
          connection.id,
          changes.map((c) => c.outboxId),
        );
        this.stats.signalled += changes.length;
        if (changes.length < CHANGES_PER_SIGNAL) break;
      }
    }
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    const listener = new pg.Client({ connectionString: this.o.databaseUrl });
    const reconnect = () => {
      if (this.stopped || this.listener !== listener) return;
      this.listener = undefined;
      this.stats.reconnects += 1;
      listener.end().catch(() => undefined);
      setTimeout(() => void this.listen().catch((err) => this.o.log?.warn({ error: (err as Error).message }, 'relay LISTEN failed')), RECONNECT_MS);
    };
    listener.on('notification', () => {
      this.stats.notifications += 1;
      void this.wake();
    });
    listener.on('error', reconnect);
    listener.on('end', reconnect);
    try {
      await listener.connect();
      await listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
    } catch (err) {
      this.listener = listener;
      reconnect();
      throw err;
    }
    this.listener = listener;
    void this.wake(); // what changed while nobody listened
  }
}
