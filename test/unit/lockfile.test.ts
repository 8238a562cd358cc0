import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * The README's first command is `npm install`: on a clean clone it must install exactly the committed lock file,
 * leaving the tree clean (CI runs this test right after that install).
 */
describe('package-lock.json', () => {
  it('is exactly what npm install wrote', () => {
    const root = path.resolve(__dirname, '..', '..');
    let inGit = true;
    try {
      execFileSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: root, stdio: 'ignore' });
    } catch {
      inGit = false;
    }
    if (!inGit) return; // an unpacked release has no git history to compare with
    const status = execFileSync('git', ['status', '--porcelain', '--', 'package-lock.json', 'package.json'], { cwd: root, encoding: 'utf8' });
    expect(status).toBe('');
  });
});
