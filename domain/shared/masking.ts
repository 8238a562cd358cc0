/**
 * Masking of identifying numbers for emails, logs and admin-facing text.
 *
 * Style: asterisks followed by the last few digits, e.g. '*********34'.
 * The national id shows only its last 2 digits by default: the first 6 digits are the birth date,
 * and birth date + the last 3 or more digits is enough to rebuild the whole number.
 * A bank account shows its last 4 digits.
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
  return maskTail(value, options.visible ?? 2);
}

export function maskBankAccount(value: string | null | undefined, options: MaskOptions = {}): string {
  return maskTail(value, options.visible ?? 4);
}
