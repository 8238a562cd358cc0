/**
 * The Xledger side of an incremental employee run, next to a full read (issue #15, part B): requests, bytes downloaded
 * and wall time of `readEmployeeChanges` (modifiedAt_gte + counterparts) against reading every employee, at each
 * company size. Measures the read only (no Temporal, no HR, no writes): the incremental run itself is not wired yet.
 *
 *   npm run bench -- --kind employee-reads [--employees 10000,50000] [--changed 1] [--json] [--check]
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { readEmployeeChanges } from '../../activities/employees/xledger-change-read';
import { ChangeSetClosure } from '../../domain/employees/change-set';
import { chunk } from '../../domain/shared/collections';
import { nextSince } from '../../domain/shared/modified-since';
import { createXledgerClient } from '../../xledger/client/client';
import { DEMO_OWNER_DBID } from '../../xledger/fake/knobs';
import { startFakeXledger } from '../../xledger/fake/server';
import { MAX_PAGE_SIZE, type Employee } from '../../xledger/index';

const HOUR = 3_600_000;
const IDS_PER_READ = 500;

interface ReadFigures {
  scenario: string;
  employees: number;
  requests: number;
  minimum: number;
  bytes: number;
  ms: number;
}

export async function runEmployeeReadsBench(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      employees: { type: 'string', default: '10000,50000' },
      changed: { type: 'string', default: '1' },
      json: { type: 'boolean', default: false },
      check: { type: 'boolean', default: false },
    },
  });
  const sizes = values.employees.split(',').map(Number);
  const changedPercent = Number(values.changed);
  const rows: ReadFigures[] = [];
  for (const size of sizes) rows.push(...(await benchSize(size, changedPercent)));

  const failed: string[] = [];
  for (const r of rows.filter((r) => r.employees === 50_000 || !sizes.includes(50_000))) {
    const full = rows.find((f) => f.employees === r.employees && f.scenario === 'full read')!;
    if (r.scenario === 'incremental no-op' && (r.requests > 2 || r.ms >= 1_000)) failed.push(`${r.employees} no-op: ${r.requests} requests, ${r.ms} ms`);
    if (r.scenario.startsWith('incremental 1') && (r.requests > 1.1 * r.minimum || r.bytes > 0.05 * full.bytes))
      failed.push(
        `${r.employees} ${r.scenario}: ${r.requests} requests (minimum ${r.minimum}), ${((100 * r.bytes) / full.bytes).toFixed(1)} % of a full read's bytes`,
      );
  }
  if (values.json) console.log(JSON.stringify({ rows, failed }, null, 2));
  else {
    console.log('scenario                    employees  requests  minimum        bytes  % of full    wall ms');
    for (const r of rows) {
      const full = rows.find((f) => f.employees === r.employees && f.scenario === 'full read')!;
      console.log(
        `${r.scenario.padEnd(26)} ${String(r.employees).padStart(10)} ${String(r.requests).padStart(9)} ${String(r.minimum).padStart(8)} ${String(r.bytes).padStart(12)} ${((100 * r.bytes) / full.bytes).toFixed(2).padStart(10)} ${r.ms.toFixed(0).padStart(10)}`,
      );
    }
    console.log(
      failed.length
        ? `\nTargets missed:\n- ${failed.join('\n- ')}`
        : '\nTargets met (no-op ≤ 2 requests and < 1 s; 1 %: ≤ 1.1 × minimum requests, ≤ 5 % of the bytes).',
    );
  }
  return values.check && failed.length ? 1 : 0;
}

async function benchSize(size: number, changedPercent: number): Promise<ReadFigures[]> {
  let clock = Date.parse('2026-12-07T06:00:00Z');
  const fake = await startFakeXledger({
    generateEmployees: size,
    knobs: { burstLimit: { enabled: false }, concurrencyLimit: { enabled: false }, credits: { enabled: false } },
    now: () => clock,
  });
  try {
    const client = createXledgerClient({ url: fake.url, token: 'fake-full-access', limiter: false });
    const measure = async (scenario: string, minimum: number, read: () => Promise<unknown>): Promise<ReadFigures> => {
      fake.resetStats();
      const started = performance.now();
      await read();
      const ms = performance.now() - started;
      return { scenario, employees: size, requests: fake.stats().requests, minimum, bytes: fake.stats().responseBytes, ms };
    };

    let everyone: Employee[] = [];
    const full = await measure('full read', Math.ceil(size / MAX_PAGE_SIZE), async () => {
      everyone = await client.employees.all({ pageSize: MAX_PAGE_SIZE, filter: { ownerDbId: DEMO_OWNER_DBID } });
    });
    // Every employee in HR under the same number and email, and linked: a company synced before.
    const hrKeys = everyone.map((e) => ({ employeeNumber: e.code!, workEmail: e.email ?? null }));
    const links = everyone.map((e) => ({ hrEmployeeNumber: e.code!, xledgerDbId: e.dbId }));
    const bookmark = new Date(clock + HOUR);
    clock += 2 * HOUR;

    const incremental = (hrChanged: string[]) => async () => {
      const closure = new ChangeSetClosure(hrKeys, links);
      closure.addHr(hrChanged);
      const options = { closure, since: nextSince(bookmark), ownerDbId: DEMO_OWNER_DBID, pageSize: MAX_PAGE_SIZE };
      for await (const page of readEmployeeChanges(client.employees, options)) void page;
    };
    const noop = await measure('incremental no-op', 1, incremental([]));

    // 1 %: half edited in Xledger, half in HR, and a tenth of them on both sides (conflicts).
    const changed = Math.max(2, Math.round((size * changedPercent) / 100));
    const xledgerEdited = everyone.slice(0, Math.ceil(changed / 2));
    const hrEdited = [...everyone.slice(0, Math.ceil(changed / 20)), ...everyone.slice(size - Math.floor(changed / 2))].map((e) => e.code!);
    for (const batch of chunk(xledgerEdited, 500)) await client.employees.update(batch.map((e) => ({ node: { dbId: e.dbId, trialTo: '2027-01-31' } })));
    clock += 1_000;
    const readByXledger = new Set(xledgerEdited.map((e) => e.code!));
    const minimum = Math.ceil(xledgerEdited.length / MAX_PAGE_SIZE) + Math.ceil(hrEdited.filter((n) => !readByXledger.has(n)).length / IDS_PER_READ);
    const onePercent = await measure(`incremental ${changedPercent} %`, minimum, incremental(hrEdited));
    return [full, noop, onePercent];
  } finally {
    await fake.stop();
  }
}
