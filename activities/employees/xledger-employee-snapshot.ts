import type { XledgerEmployeeSnapshot } from '../../domain/employees/employee-types';
import type { Employee } from '../../xledger/index';

const text = (v: string | null | undefined): string | null => (v === undefined || v === null || v === '' ? null : v);

/** Flattens an Xledger employee with its contact and subledger into the shape the domain compares. Pure. */
export function toEmployeeSnapshot(e: Employee): XledgerEmployeeSnapshot {
  const contact = e.contact ?? null;
  const subledger = e.subledger ?? null;
  const address = contact?.address ?? subledger?.address ?? null;
  return {
    dbId: e.dbId,
    code: text(e.code),
    description: text(e.description),
    email: text(e.email) ?? text(contact?.email),
    firstName: text(contact?.firstName),
    lastName: text(contact?.lastName),
    phone: text(contact?.phone) ?? text(subledger?.phone),
    birthday: text(contact?.birthday),
    socialSec: text(contact?.socialSec),
    gender: text(contact?.gender?.name) ?? text(contact?.gender?.code),
    country: text(contact?.country?.code),
    bankAccount: text(subledger?.bankAccount),
    address: address
      ? { streetAddress: text(address.streetAddress), zipCode: text(address.zipCode), place: text(address.place), countryCode: text(address.country?.code) }
      : null,
    jobTitle: text(contact?.jobTitle),
    employmentFrom: text(e.employmentFrom),
    employmentTo: text(e.employmentTo),
    trialTo: text(e.trialTo),
    noticeDate: text(e.noticeDate),
    contactDbId: contact?.dbId ?? e.contactDbId ?? null,
    subledgerDbId: subledger?.dbId ?? null,
    modifiedAt: text(e.modifiedAt),
  };
}
