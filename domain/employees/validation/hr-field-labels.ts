/** Admin-facing names of HR fields, used in validation reasons. */
export const HR_FIELD_LABELS: Record<string, string> = {
  employeeNumber: 'Employee number',
  workEmail: 'Work email',
  firstName: 'First name',
  lastName: 'Last name',
  phone: 'Phone number',
  birthDate: 'Date of birth',
  nationalId: 'National identity number',
  gender: 'Gender',
  nationality: 'Nationality',
  bankAccount: 'Bank account number',
  address: 'Address',
  'address.street': 'Street address',
  'address.postalCode': 'Postal code',
  'address.place': 'Postal place',
  'address.country': 'Address country',
  status: 'Status',
  department: 'Department',
  legalEntity: 'Legal entity',
  employmentType: 'Employment type',
  updatedAt: 'Last updated',
  positions: 'Positions',
  jobTitle: 'Job title',
  startDate: 'Start date',
  endDate: 'End date',
  probationEndDate: 'Probation end date',
  noticeDate: 'Termination notice date',
  primary: 'Primary position flag',
};

export function hrFieldLabel(path: string): string {
  if (HR_FIELD_LABELS[path]) return HR_FIELD_LABELS[path];
  const position = /^positions\[(\d+)\]\.(\w+)$/.exec(path);
  if (position) {
    const leaf = HR_FIELD_LABELS[position[2] ?? ''] ?? position[2];
    return `Position ${Number(position[1]) + 1}: ${leaf}`;
  }
  return path;
}
