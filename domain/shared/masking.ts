/**
 * Masking of identifying numbers for emails, logs and admin-facing text.
 *
 * A national id shows no digit at all ('***********'): its first six digits are the birth date and its last two are
 * check digits, so with the birth date (shown beside it) and the gender even two digits leave about four candidates.
 * A bank account shows its last 4 digits ('*******8901'), as banks do.
 */

export interface MaskOptions {
  /** How many trailing characters stay readable. */
  visible?: number;
}

function maskTail(value: string | null | undefined, visible: number): string {
  if (value === null || value === undefined) return '';
  const compact = value.replace(/[\s.]/g, '');
  if (compact.length === 0) return '';
  const shown = Math.max(0, Math.min(visible, compact.length - 4));
  return '*'.repeat(compact.length - shown) + compact.slice(compact.length - shown);
}

export function maskNationalId(value: string | null | undefined, options: MaskOptions = {}): string {
  return maskTail(value, options.visible ?? 0);
}

export function maskBankAccount(value: string | null | undefined, options: MaskOptions = {}): string {
  return maskTail(value, options.visible ?? 4);
}
