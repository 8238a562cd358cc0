/** The `parseArgs` options the kinds' benchmarks share: changed %, Xledger latency per request, JSON output, exit 3 on a missed target. */
export const COMMON_BENCH_OPTIONS = {
  changed: { type: 'string', default: '1' },
  latency: { type: 'string', default: '50' },
  json: { type: 'boolean', default: false },
  check: { type: 'boolean', default: false },
} as const;
