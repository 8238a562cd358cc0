import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

/**
 * Workflow code must stay deterministic: it (and everything it imports at run time) may not use Node built-ins
 * or I/O libraries. Type-only imports are fine. This walks the import graph from workflows/index.ts.
 */
const root = path.resolve(__dirname, '..', '..');
// Pure, deterministic libraries the domain core uses (validation of decisions runs inside the workflow).
const allowedPackages = ['@temporalio/workflow', '@temporalio/common', 'zod', 'libphonenumber-js', '@navikt/fnrvalidator'];
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const importPattern = /^\s*(import|export)\s+(?!type\b)[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)/gm;

function resolveLocal(from: string, spec: string): string {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts')]) if (fs.existsSync(candidate)) return candidate;
  throw new Error(`cannot resolve ${spec} from ${path.relative(root, from)}`);
}

function runtimeImports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(importPattern)].map((m) => m[2] ?? m[3] ?? m[4]).filter(Boolean);
}

function walk(entry: string): { files: string[]; violations: string[] } {
  const seen = new Set<string>();
  const violations: string[] = [];
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of runtimeImports(file)) {
      const where = path.relative(root, file);
      if (spec.startsWith('.')) {
        const target = resolveLocal(file, spec);
        const rel = path.relative(root, target);
        if (!/^(workflows|domain)\//.test(rel)) violations.push(`${where} imports ${rel} (only workflows/ and domain/ may run in a workflow)`);
        else queue.push(target);
      } else if (builtins.has(spec)) violations.push(`${where} imports the Node built-in ${spec}`);
      else if (!allowedPackages.some((p) => spec === p || spec.startsWith(`${p}/`)))
        violations.push(`${where} imports ${spec}, which is not allowed in workflow code`);
    }
  }
  return { files: [...seen], violations };
}

describe('workflow code stays deterministic', () => {
  it('imports no Node built-ins, I/O libraries, or modules outside workflows/ and domain/', () => {
    const { files, violations } = walk(path.join(root, 'workflows', 'index.ts'));
    expect(files.length).toBeGreaterThan(1);
    expect(violations).toEqual([]);
  });

  it('uses no randomness or timers outside the Temporal APIs', () => {
    const { files } = walk(path.join(root, 'workflows', 'index.ts'));
    // Date.now() and new Date() are deterministic inside workflows (Temporal replays the recorded time).
    const banned = /\b(Math\.random|setTimeout|setInterval|process\.|crypto\.)/;
    const offenders = files.filter((f) => banned.test(fs.readFileSync(f, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')));
    expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
  });

  it('catches a forbidden import (the check itself works)', () => {
    const tmp = path.join(root, 'workflows', `__probe_${process.pid}.ts`);
    fs.writeFileSync(tmp, "import fs from 'node:fs';\nimport { x } from '../activities/admin/health';\nexport const y = [fs, x];\n");
    try {
      expect(walk(tmp).violations).toEqual([
        `workflows/__probe_${process.pid}.ts imports the Node built-in node:fs`,
        `workflows/__probe_${process.pid}.ts imports activities/admin/health.ts (only workflows/ and domain/ may run in a workflow)`,
      ]);
    } finally {
      fs.rmSync(tmp);
    }
  });
});
