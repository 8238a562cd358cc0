import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ScheduleNotFoundError } from '@temporalio/client';
import { createInvoiceSourceStore } from '../../../db/invoices/source-store';
import type { InvoiceRunResult } from '../../../workflows/invoices/types';
import { CUSTOMERS, document, line, PRODUCTS } from '../../support/invoice-data';
import { maybeRecordHistory } from '../../support/record-history';
import { CONNECTION, startSyncHarness, waitFor, type SyncHarness } from '../../support/sync-harness';

const DIGEST_ID = `xsync.${CONNECTION}.invoice-digest`;

describe('invoice export daily digest: setting → Temporal Schedule (Oslo) → workflow → SMTP', () => {
  let h: SyncHarness;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xsync-digest-'));
  const update = async (invoices: Record<string, unknown>) => {
    const file = path.join(dir, `settings-${Date.now()}.json`);
    fs.writeFileSync(file, JSON.stringify({ invoices }));
    return h.cliJson<{ digestSchedule?: string }>('connections', 'update', CONNECTION, '--settings-file', file);
  };

  beforeAll(async () => {
    h = await startSyncHarness();
    await h.deps.connections.updateSettings(CONNECTION, { recipients: ['finance@acme.test'], invoices: {} });
    await createInvoiceSourceStore(h.t.db).upsert({
      customers: CUSTOMERS,
      products: [...PRODUCTS, { code: 'NOTINXL', description: null, debitAccount: '1500', creditAccount: '3000', vatCode: '2' }],
      documents: [document('DIG-1'), document('DIG-2', { lines: [line(1), line(2)] }), document('DIG-3', { lines: [line(1, { productCode: 'NOTINXL' })] })],
    });
    const run = await h.cliJson<InvoiceRunResult>('sync', 'start', '--connection', CONNECTION, '--kind', 'invoice-export', '--wait');
    expect(run.counts).toMatchObject({ exported: 2, invalid: 1 });
    h.smtp.clear();
  });
  afterAll(async () => {
    await h?.temporal.client.schedule
      .getHandle(DIGEST_ID)
      .delete()
      .catch(() => undefined);
    await h?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('setting dailyDigestAt creates a daily schedule at that Oslo time; triggering it emails the last 24 h', async () => {
    expect(await update({ dailyDigestAt: '07:30' })).toMatchObject({ digestSchedule: 'set' });
    const d = await h.temporal.client.schedule.getHandle(DIGEST_ID).describe();
    expect(d.spec.timezone).toBe('Europe/Oslo');
    expect(d.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 7, end: 7, step: 1 }], minute: [{ start: 30, end: 30, step: 1 }] });
    const listed = await h.cliJson<{ schedules: Array<{ scheduleId: string; kind: string; spec: string; drift: string[] }>; orphans: unknown[] }>(
      'schedules',
      'list',
      '--connection',
      CONNECTION,
    );
    expect(listed.schedules.find((s) => s.scheduleId === DIGEST_ID)).toMatchObject({ kind: 'invoice-digest', drift: [] });
    expect(listed.orphans).toEqual([]);
    const text = await h.cli('schedules', 'list', '--connection', CONNECTION);
    expect(text.stdout).toMatch(new RegExp(`${CONNECTION}\\s+invoice-digest\\s+daily at 07:30 \\(Oslo\\)\\s+\\S+ 07:30:\\d\\d CET`));

    await h.temporal.client.schedule.getHandle(DIGEST_ID).trigger();
    const [mail] = await h.smtp.waitForMessages(1);
    expect(mail!.subject).toMatch(new RegExp(`^\\[DIGEST\\] ${CONNECTION} – invoice export \\d{4}-\\d{2}-\\d{2}$`));
    expect(mail!.text).toMatch(/Documents exported to Xledger:\s+2\n/);
    expect(mail!.text).toMatch(/Xledger ids recorded for them:\s+3\n/); // DIG-1 one line, DIG-2 two
    expect(mail!.text).toMatch(/Documents failed:\s+1\n/);
    expect(mail!.text).toMatch(/Documents still pending:\s+0\n/);
    expect(mail!.text).toMatch(/Runs:\s+1 \(1 PARTIAL\)\n/);
    expect(mail!.text).toContain('  - DIG-3: line 1: product NOTINXL is unknown in Xledger\n');

    const started = await waitFor(
      async () => (await h.temporal.client.schedule.getHandle(DIGEST_ID).describe()).info.recentActions,
      (a) => a.length > 0,
    );
    const handle = h.temporal.client.workflow.getHandle(started[0]!.action.workflow.workflowId);
    expect(await handle.result()).toEqual({ sent: true, recipients: 1 });
    await maybeRecordHistory(handle, 'invoice-digest-2026-12', h.temporal.secretKey);
  });

  it('clearing the setting removes the schedule from Temporal and from schedules list', async () => {
    expect(await update({ dailyDigestAt: null })).toMatchObject({ digestSchedule: 'removed' });
    await expect(h.temporal.client.schedule.getHandle(DIGEST_ID).describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
    const listed = await h.cliJson<{ schedules: Array<{ scheduleId: string }> }>('schedules', 'list', '--connection', CONNECTION);
    expect(listed.schedules.map((s) => s.scheduleId)).not.toContain(DIGEST_ID);
  });

  it('connections remove takes the digest schedule with it', async () => {
    await update({ dailyDigestAt: '06:00' });
    const removed = await h.cli('connections', 'remove', CONNECTION);
    expect(removed.code).toBe(0);
    await expect(h.temporal.client.schedule.getHandle(DIGEST_ID).describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
  });
});
