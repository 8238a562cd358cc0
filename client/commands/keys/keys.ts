import type { Command } from 'commander';
import { rotateKeys, type KeyRotationReport } from '../../../db/keys/rotate-keys';
import { parseKeyring } from '../../../db/secrets/keyring';
import type { CliContext } from '../../context';
import { output } from '../../io';

function describeRotation(r: KeyRotationReport): string {
  const moved = r.tokens.reencrypted.map((t) => `${t.connection} (was ${t.fromKeyId})`);
  const kept = Object.entries(r.baselines.keptUnder);
  return [
    `Everything stored is now encrypted under key "${r.keyId}" (the first of XSYNC_SECRET_KEY).`,
    `API tokens re-encrypted: ${moved.length ? moved.join(', ') : 'none'}; already under "${r.keyId}": ${r.tokens.alreadyCurrent}.`,
    `Baseline hashes (national ids, bank accounts) re-made under "${r.keyId}": ${r.baselines.rehashed}.`,
    kept.length
      ? `Left under older keys (HR's value changed since the last sync, so they are re-made by the next run that finds both sides equal): ${kept.map(([id, n]) => `${n} under "${id}"`).join(', ')}. Keep those keys until this says none.`
      : 'Nothing stored is left under an older key: older keys may be dropped once Temporal no longer holds runs they encrypted.',
  ].join('\n');
}

export function registerKeyCommands(program: Command, ctx: CliContext): void {
  const json = () => Boolean(program.opts().json);
  const keys = program.command('keys').description('encryption keys (XSYNC_SECRET_KEY)');
  keys
    .command('rotate')
    .description('re-encrypt every stored secret under the first key of XSYNC_SECRET_KEY, in one transaction; safe to re-run')
    .action(async () => {
      const keyring = parseKeyring(ctx.config('XSYNC_SECRET_KEY').XSYNC_SECRET_KEY);
      const report = await rotateKeys(ctx.database(), keyring);
      output(ctx.io, json(), report, describeRotation);
    });
}
