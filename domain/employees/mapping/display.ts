import { maskBankAccount, maskNationalId } from '../../shared/masking';
import { employeeField } from './employee-fields';
import type { EmployeeFieldKey } from './field-mapping-types';

/** A field value as it may appear in emails, logs and notes: PII masked, empty shown as '(empty)'. */
export function displayFieldValue(field: EmployeeFieldKey, value: string | null): string {
  if (value === null || value.trim() === '') return '(empty)';
  const pii = employeeField(field).pii;
  if (pii === 'nationalId') return maskNationalId(value);
  if (pii === 'bankAccount') return maskBankAccount(value);
  return value;
}
