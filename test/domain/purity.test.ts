import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';

/** The functional core is imported by Temporal workflows: it must stay free of I/O and non-determinism. */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const FORBIDDEN: [RegExp, string][] = [
  [/from ['"](node:)?(fs|path|os|crypto|child_process|net|http|https|process|worker_threads)['"]/, 'Node built-in import'],
  [/require\(/, 'require()'],
  [/@temporalio\//, 'Temporal import'],
  [/Date\.now\(|new Date\(\s*\)/, 'reading the clock'],
  [/Math\.random\(/, 'randomness'],
  [/\bprocess\./, 'process access'],
  [/console\./, 'logging'],
];

describe('domain purity', () => {
  const domainFiles = files(join(__dirname, '../../domain'));
  it('finds the domain sources', () => expect(domainFiles.length).toBeGreaterThan(10));
  it.each(domainFiles.map((f) => [f.slice(f.indexOf('domain')), f]))('%s has no I/O or non-determinism', (_, file) => {
    const text = readFileSync(file, 'utf8');
    for (const [pattern, what] of FORBIDDEN) expect([what, pattern.test(text)]).toEqual([what, false]);
  });
});
