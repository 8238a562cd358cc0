import fs from 'node:fs';
import path from 'node:path';
import { WORKER_NODE_FLAGS } from '../../workers/heap-limit';

describe('the worker heap limit', () => {
  it('`npm run worker` starts the worker with the same Node flags the benchmark measures', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.worker).toBe(`node ${WORKER_NODE_FLAGS.join(' ')} --import tsx workers/main.ts`);
  });
});
