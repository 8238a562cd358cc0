import { z } from 'zod';

/**
 * Response shapes. Each selection string sits next to the zod schema that checks it, so a field added to
 * one is easy to add to the other. Nullability is loose (`nullish`) because the real SDL is not public.
 */

/** dbIds come back as JSON numbers on some types and as strings on others; normalise to number. */
export const DbId = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);
const s = z.string().nullish();
const b = z.boolean().nullish();
const id = DbId.nullish();

export const PageInfo = z.object({ hasNextPage: z.boolean(), hasPreviousPage: z.boolean() });

export function connectionOf<T extends z.ZodTypeAny>(node: T) {
  return z.object({
    edges: z.array(z.object({ cursor: z.string(), node })).nullable(),
    pageInfo: PageInfo,
  });
}

export function mutationPayloadOf<T extends z.ZodTypeAny>(node: T) {
  return z.object({ edges: z.array(z.object({ clientId: s, node })).nullable() });
}

export const RemoveResult = z.object({ numAffected: z.number().int(), skippedDbIds: z.array(DbId).nullish() });

export const REF_FIELDS = 'dbId code description';
export const Ref = z.object({ dbId: id, code: s, description: s });

export const CURRENCY_FIELDS = 'dbId code description createdAt modifiedAt ownerDbId';
export const Currency = z.object({ dbId: DbId, code: s, description: s, createdAt: s, modifiedAt: s, ownerDbId: id });

export const COUNTRY_FIELDS = 'dbId code description currency { dbId code } modifiedAt ownerDbId';
export const Country = z.object({
  dbId: DbId,
  code: s,
  description: s,
  currency: z.object({ dbId: DbId, code: s }).nullish(),
  modifiedAt: s,
  ownerDbId: id,
});

export const ENTITY_FIELDS = 'dbId code description parent { dbId code description } currency { dbId code }';
export const Entity = z.object({
  dbId: DbId,
  code: s,
  description: s,
  parent: z.object({ dbId: DbId, code: s, description: s }).nullish(),
  currency: z.object({ dbId: DbId, code: s }).nullish(),
});

export const ADDRESS_FIELDS = 'dbId streetAddress zipCode place country { dbId code description }';
export const Address = z.object({
  dbId: id,
  streetAddress: s,
  zipCode: s,
  place: s,
  country: z.object({ dbId: DbId, code: s, description: s }).nullish(),
});

export const CONTACT_FIELDS = `dbId code name firstName middleName lastName email phone birthday socialSec jobTitle
  gender { dbId code name } country { dbId code description } address { ${ADDRESS_FIELDS} }
  createdAt modifiedAt ownerDbId`;
export const Contact = z.object({
  dbId: DbId,
  code: s,
  name: s,
  firstName: s,
  middleName: s,
  lastName: s,
  email: s,
  phone: s,
  birthday: s,
  socialSec: s,
  jobTitle: s,
  gender: z.object({ dbId: id, code: s, name: s }).nullish(),
  country: z.object({ dbId: DbId, code: s, description: s }).nullish(),
  address: Address.nullish(),
  createdAt: s,
  modifiedAt: s,
  ownerDbId: id,
});

export const COMPANY_FIELDS = `dbId code description companyNumber taxNumber email phone country { dbId code }
  address { ${ADDRESS_FIELDS} } modifiedAt ownerDbId`;
export const Company = z.object({
  dbId: DbId,
  code: s,
  description: s,
  companyNumber: s,
  taxNumber: s,
  email: s,
  phone: s,
  country: z.object({ dbId: DbId, code: s }).nullish(),
  address: Address.nullish(),
  modifiedAt: s,
  ownerDbId: id,
});

export const SUBLEDGER_FIELDS = `dbId code description email phone bankAccount companyDbId ledgerType { name }
  currency { dbId code } address { ${ADDRESS_FIELDS} } createdAt modifiedAt ownerDbId`;
export const Subledger = z.object({
  dbId: DbId,
  code: s,
  description: s,
  email: s,
  phone: s,
  bankAccount: s,
  companyDbId: id,
  ledgerType: z.object({ name: s }).nullish(),
  currency: z.object({ dbId: DbId, code: s }).nullish(),
  address: Address.nullish(),
  createdAt: s,
  modifiedAt: s,
  ownerDbId: id,
});

const EMPLOYEE_BASE_FIELDS = `dbId code description email employmentFrom employmentTo trialTo noticeDate dateFrom dateTo
  contactDbId createdAt modifiedAt ownerDbId`;
const EmployeeBase = {
  dbId: DbId,
  code: s,
  description: s,
  email: s,
  employmentFrom: s,
  employmentTo: s,
  trialTo: s,
  noticeDate: s,
  dateFrom: s,
  dateTo: s,
  contactDbId: id,
  createdAt: s,
  modifiedAt: s,
  ownerDbId: id,
};
export const EMPLOYEE_BASIC_FIELDS = EMPLOYEE_BASE_FIELDS;
export const EmployeeBasic = z.object(EmployeeBase);
export const EMPLOYEE_FIELDS = `${EMPLOYEE_BASE_FIELDS} contact { ${CONTACT_FIELDS} } subledger { ${SUBLEDGER_FIELDS} }`;
export const Employee = z.object({ ...EmployeeBase, contact: Contact.nullish(), subledger: Subledger.nullish() });

export const EMPLOYEE_DELTA_FIELDS = 'dbId mutationType code description email employmentFrom employmentTo modifiedAt ownerDbId';
export const EmployeeDelta = z.object({
  dbId: DbId,
  mutationType: z.enum(['ADDED', 'UPDATED', 'DELETED']),
  code: s,
  description: s,
  email: s,
  employmentFrom: s,
  employmentTo: s,
  modifiedAt: s,
  ownerDbId: id,
});

export const EMPLOYEE_POSITION_FIELDS = `dbId description fromDate toDate positionPercent isPrimary employee { ${REF_FIELDS} }
  modifiedAt ownerDbId`;
export const EmployeePosition = z.object({
  dbId: DbId,
  description: s,
  fromDate: s,
  toDate: s,
  positionPercent: s,
  isPrimary: b,
  employee: Ref.nullish(),
  modifiedAt: s,
  ownerDbId: id,
});

export const OBJECT_KIND_FIELDS = 'dbId name modifiedAt';
export const ObjectKind = z.object({ dbId: DbId, name: s, modifiedAt: s });

export const OBJECT_VALUE_FIELDS = `dbId code description dateFrom dateTo posting objectKindDbId objectKind { dbId name }
  code2 { name } text1 text2 modifiedAt ownerDbId`;
export const ObjectValue = z.object({
  dbId: DbId,
  code: s,
  description: s,
  dateFrom: s,
  dateTo: s,
  posting: b,
  objectKindDbId: id,
  objectKind: z.object({ dbId: DbId, name: s }).nullish(),
  code2: z.object({ name: s }).nullish(),
  text1: s,
  text2: s,
  modifiedAt: s,
  ownerDbId: id,
});

export const ACCOUNT_FIELDS = 'dbId code description posting balanceSheet revenue cost vat modifiedAt ownerDbId';
export const Account = z.object({
  dbId: DbId,
  code: s,
  description: s,
  posting: b,
  balanceSheet: b,
  revenue: b,
  cost: b,
  vat: b,
  modifiedAt: s,
  ownerDbId: id,
});

export const ASSET_FIELDS = `dbId code description balance dateFrom dateTo datePurchased allowPosting
  assetGroup { ${REF_FIELDS} } currency { dbId code } modifiedAt ownerDbId`;
export const Asset = z.object({
  dbId: DbId,
  code: s,
  description: s,
  balance: s,
  dateFrom: s,
  dateTo: s,
  datePurchased: s,
  allowPosting: b,
  assetGroup: Ref.nullish(),
  currency: z.object({ dbId: DbId, code: s }).nullish(),
  modifiedAt: s,
  ownerDbId: id,
});

export const ABSENCE_CODE_FIELDS = 'dbId code description posting modifiedAt ownerDbId';
export const AbsenceCode = z.object({ dbId: DbId, code: s, description: s, posting: b, modifiedAt: s, ownerDbId: id });

export const ABSENCE_FIELDS = `dbId text fromDate toDate timeFrom timeTo leavePercent approved comment
  absenceCode { dbId code description } employee { ${REF_FIELDS} } createdAt modifiedAt ownerDbId`;
export const Absence = z.object({
  dbId: DbId,
  text: s,
  fromDate: s,
  toDate: s,
  timeFrom: s,
  timeTo: s,
  leavePercent: s,
  approved: b,
  comment: s,
  absenceCode: z.object({ dbId: DbId, code: s, description: s }).nullish(),
  employee: Ref.nullish(),
  createdAt: s,
  modifiedAt: s,
  ownerDbId: id,
});

export const PRODUCT_FIELDS = `dbId code description unit salesPrice costPrice taxRule { ${REF_FIELDS} } modifiedAt ownerDbId`;
export const Product = z.object({
  dbId: DbId,
  code: s,
  description: s,
  unit: s,
  salesPrice: s,
  costPrice: s,
  taxRule: Ref.nullish(),
  modifiedAt: s,
  ownerDbId: id,
});

export const SALES_ORDER_FIELDS = `dbId orderNumber orderDate text yourReference amount subledgerDbId
  customer { ${REF_FIELDS} } currency { dbId code }
  details { lineNumber product { ${REF_FIELDS} } text quantity unitPrice amount taxRule { ${REF_FIELDS} } }
  createdAt modifiedAt ownerDbId`;
export const SalesOrder = z.object({
  dbId: DbId,
  orderNumber: z.number().int().nullish(),
  orderDate: s,
  text: s,
  yourReference: s,
  amount: s,
  subledgerDbId: id,
  customer: Ref.nullish(),
  currency: z.object({ dbId: DbId, code: s }).nullish(),
  details: z
    .array(
      z.object({
        lineNumber: z.number().int().nullish(),
        product: Ref.nullish(),
        text: s,
        quantity: s,
        unitPrice: s,
        amount: s,
        taxRule: Ref.nullish(),
      }),
    )
    .nullish(),
  createdAt: s,
  modifiedAt: s,
  ownerDbId: id,
});

export const INVOICE_BASE_ITEM_FIELDS = `dbId subledger { ${REF_FIELDS} } product { ${REF_FIELDS} } text quantity unitPrice
  amount invoiceDate yourReference headerInfo glObject1 { ${REF_FIELDS} } taxRule { ${REF_FIELDS} } currency { dbId code }
  createdAt modifiedAt ownerDbId`;
export const InvoiceBaseItem = z.object({
  dbId: DbId,
  subledger: Ref.nullish(),
  product: Ref.nullish(),
  text: s,
  quantity: s,
  unitPrice: s,
  amount: s,
  invoiceDate: s,
  yourReference: s,
  headerInfo: s,
  glObject1: Ref.nullish(),
  taxRule: Ref.nullish(),
  currency: z.object({ dbId: DbId, code: s }).nullish(),
  createdAt: s,
  modifiedAt: s,
  ownerDbId: id,
});

export type Currency = z.infer<typeof Currency>;
export type Country = z.infer<typeof Country>;
export type Entity = z.infer<typeof Entity>;
export type Address = z.infer<typeof Address>;
export type Contact = z.infer<typeof Contact>;
export type Company = z.infer<typeof Company>;
export type Subledger = z.infer<typeof Subledger>;
export type Employee = z.infer<typeof Employee>;
export type EmployeeBasic = z.infer<typeof EmployeeBasic>;
export type EmployeeDelta = z.infer<typeof EmployeeDelta>;
export type EmployeePosition = z.infer<typeof EmployeePosition>;
export type ObjectKind = z.infer<typeof ObjectKind>;
export type ObjectValue = z.infer<typeof ObjectValue>;
export type Account = z.infer<typeof Account>;
export type Asset = z.infer<typeof Asset>;
export type AbsenceCode = z.infer<typeof AbsenceCode>;
export type Absence = z.infer<typeof Absence>;
export type Product = z.infer<typeof Product>;
export type SalesOrder = z.infer<typeof SalesOrder>;
export type InvoiceBaseItem = z.infer<typeof InvoiceBaseItem>;
export type RemoveResult = z.infer<typeof RemoveResult>;
