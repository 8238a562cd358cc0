import type { BenchReport } from '../bench';
import { kb, mb, ratio, secs, type ScenarioFigures } from './figures';

function table(rows: Array<[string, string, string?]>, headers: [string, string, string]): string {
  const w0 = Math.max(headers[0].length, ...rows.map((r) => r[0].length));
  const w1 = Math.max(headers[1].length, ...rows.map((r) => r[1].length));
  const line = (a: string, b: string, c = '') => `  ${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`.trimEnd();
  return [line(...headers), line('-'.repeat(w0), '-'.repeat(w1), '-'.repeat(headers[2].length)), ...rows.map((r) => line(r[0], r[1], r[2] ?? ''))].join('\n');
}

const mark = (ok: boolean) => (ok ? '✓' : '✗');

function operations(byOperation: Record<string, number>): string {
  const parts = Object.entries(byOperation)
    .sort((a, b) => b[1] - a[1])
    .map(([op, n]) => `${op} ${n}`);
  return parts.join(', ') || 'none';
}

function scenarioText(s: ScenarioFigures, latencyMs: number): string {
  const d = s.durable;
  const b = s.baseline;
  const m = s.minimum;
  const writes = Object.entries(m.writes).map(([k, n]) => `${k} ${n} (${m.nodes[k as keyof typeof m.nodes]} nodes)`);
  const c = d.result.counts;
  const checkOf = (name: string) => s.checks.find((x) => x.name === name);
  const withMark = (name: string, text: string) => {
    const x = checkOf(name);
    return x ? `${text}  ${mark(x.ok)} (target ${x.target})` : text;
  };
  const rows: Array<[string, string, string?]> = [
    ['wall time', secs(d.wallMs), secs(b.wallMs)],
    ['Xledger requests', String(d.requests.total), String(b.requests.total)],
    ['  reads / writes', `${d.requests.reads} / ${d.requests.writes}`, `${b.requests.reads} / ${b.requests.writes}`],
    ['  by operation', operations(d.requests.byOperation), operations(b.requests.byOperation)],
    ['  nodes written', String(d.requests.writtenNodes), String(b.requests.writtenNodes)],
    ['minimum requests', `${m.total} = ${m.pages} page(s) + ${writes.length ? writes.join(' + ') : '0 writes'}`],
    ['requests ratio (actual / minimum)', withMark('requests ratio', ratio(s.requestsRatio)), ratio(s.baselineRequestsRatio)],
    ['network floor (minimum × latency)', `${secs(s.networkFloorMs)} (${m.total} × ${latencyMs} ms)`],
    ['time ratio (durable / baseline)', withMark('time ratio', ratio(s.timeRatio))],
    ['Temporal history', withMark('history events', `${d.history.events} events, ${kb(d.history.bytes)}`), '—'],
    ['largest payload', withMark('largest payload', `${kb(d.history.largestPayload.bytes)} (${d.history.largestPayload.event})`), '—'],
    ['worker peak RSS', withMark('worker peak RSS', mb(d.workerPeakRssBytes)), `${mb(b.processRssBytes)} (at the end)`],
    [
      'result',
      `${d.result.status}: created ${c.created}, updated ${c.updated}, unchanged ${c.unchanged}, locked ${c.locked}, invalid ${c.invalid}, failed ${c.failed}`,
      `created ${b.creates}, updated ${b.updates}`,
    ],
  ];
  const noop = checkOf('no-op writes nothing');
  if (noop) rows.push(['no-op writes nothing', `${noop.actual}  ${mark(noop.ok)}`]);
  const phases = `baseline phases: read HR ${secs(b.phasesMs.readHr)}, read Xledger ${secs(b.phasesMs.readXledger)}, plan ${secs(b.phasesMs.plan)}, write ${secs(b.phasesMs.write)}`;
  const acts = d.history.activities.map((a) => `${a.name} ${a.count}× ${secs(a.totalMs)}`).join(', ');
  return [
    `\n## ${s.name}: ${s.description}`,
    `Xledger employees of the owner at the start: ${s.xledgerEmployeesAtStart}; workflow ${d.workflowId}`,
    '',
    table(rows, ['', 'durable (Temporal)', 'baseline (plain script)']),
    '',
    `  ${phases}`,
    `  durable activities (scheduled → completed): ${acts}`,
    `  durable: first → last history event ${secs(d.history.spanMs)}; ${d.history.payloads} payloads in history`,
    s.samePlan ? '' : `  ✗ the durable run and the baseline did not write the same (see "result")`,
    s.faults ? faultsText(s) : '',
  ].join('\n');
}

function faultsText(s: ScenarioFigures): string {
  const f = s.faults!;
  const throttles = Object.entries(f.throttled).map(([code, n]) => `${code.replace(/^BAD_REQUEST\./, '')} ${n}`);
  const st = f.finalState;
  const rows: Array<[string, string, string?]> = [
    ['faults injected', f.mode],
    ['  5xx served', String(f.http5xx)],
    ['  throttles served', throttles.length ? throttles.join(', ') : '0'],
    ['  worker kills (SIGKILL)', String(f.kills)],
    ['  fake crash / recover', `${f.crashes} / ${f.recoveries}`],
    ['retries seen (history)', `${f.retriedActivities} activity executions with attempt > 1 (${f.extraAttempts} extra attempts)`],
    ['wall time', secs(f.wallMs)],
    ['run status', s.durable.result.status],
    [
      `${mark(st.exact)} final state exact`,
      `${st.actual} employees in Xledger, ${st.expected} expected, ${st.duplicates} duplicate codes, ${st.differences.length ? `differences: ${st.differences.slice(0, 5).join('; ')}` : 'every field as HR says'}`,
    ],
  ];
  return `\n  faults (${s.name})\n${table(rows, ['', 'figure', ''])}`;
}

export function renderText(r: BenchReport): string {
  const m = r.machine;
  const out: string[] = [];
  out.push(`# xledger-sync benchmark — ${m.date}`);
  out.push(`machine: ${m.cpus} CPU (${m.cpuModel}), ${m.memoryGb} GB, node ${m.node}, ${m.platform}`);
  out.push(`run: ${r.options.employees} employees, ${r.options.changedPct}% changed in "steady", ${r.options.latencyMs} ms fake Xledger latency per request`);
  const faultFlags = [
    r.options.faults !== 'none' ? `--faults ${r.options.faults}` : '',
    r.options.killWorker ? `--kill-worker ${r.options.killWorker}` : '',
    r.options.crashAfter ? `--crash-after ${r.options.crashAfter}` : '',
  ].filter(Boolean);
  if (faultFlags.length)
    out.push(`faults: ${faultFlags.join(' ')} (durable runs only; the baseline runs without faults; requests and time ratios are not checked)`);
  out.push(`settings: ${String(r.setup.note)}`);
  out.push(`Xledger client: ${String(r.setup.xledgerClient)}; fake: ${String(r.setup.fake)}`);
  out.push(`order: ${String(r.setup.order)}`);
  out.push(`worker process: node ${String(r.setup.workerNodeFlags)} (as npm run worker)`);
  out.push('minimum requests = max(1, ceil(owner employees in Xledger / 10,000)) pages + Σ over mutation kinds needed of ceil(nodes / 500)');
  for (const s of r.scenarios) out.push(scenarioText(s, r.options.latencyMs));

  out.push('\n## targets');
  const rows: Array<[string, string, string?]> = [];
  for (const s of r.scenarios) for (const c of s.checks) rows.push([`${s.name}: ${c.name}`, `${c.actual}`, `${mark(c.ok)}  target ${c.target}`]);
  out.push(table(rows, ['check', 'measured', 'verdict']));
  if (r.workerLifetime) {
    out.push(
      `\nworker process over its whole life: peak RSS ${mb(r.workerLifetime.peakRss)} (sampled every 100 ms), maxRSS ${mb(r.workerLifetime.maxRss)} (getrusage)`,
    );
  }
  out.push(`${r.ok ? 'all targets met' : 'some targets missed'}; the benchmark took ${r.totalSeconds} s in all\n`);
  return out.join('\n');
}
