import type { RequestContext } from '../context';
import type { LookupArg } from '../lookups';
import type { ContactRow, EmployeeRow, SubledgerRow } from '../types';
import { employeeView } from '../views';
import type { AddressArg, BulkInputArg, IssueSink } from './bulk';
import { assign, checkDate, checkEmail, checkRequired, checkSocialSec, lookupId, mergeAddress, runBulk } from './bulk';

interface EmployeeFieldsArg {
  description?: string | null;
  email?: string | null;
  phone?: string | null;
  phoneSubledger?: string | null;
  firstName?: string | null;
  middleName?: string | null;
  lastName?: string | null;
  birthday?: string | null;
  socialSec?: string | null;
  gender?: LookupArg | null;
  /** The contact's country (nationality), separate from the address country. Assumed on addEmployees. */
  country?: LookupArg | null;
  jobTitle?: string | null;
  employmentFrom?: string | null;
  employmentTo?: string | null;
  trialTo?: string | null;
  noticeDate?: string | null;
  dateFrom?: string | null;
  dateTo?: string | null;
  bankAccount?: string | null;
  address?: AddressArg | null;
}

interface AddNode extends EmployeeFieldsArg {
  code: string;
  owner?: LookupArg | null;
  contact?: LookupArg | null;
  subledger?: LookupArg | null;
}

interface UpdateNode extends EmployeeFieldsArg {
  dbId: number;
  code?: string | null;
}

const DATE_FIELDS = ['birthday', 'employmentFrom', 'employmentTo', 'trialTo', 'noticeDate', 'dateFrom', 'dateTo'] as const;

function checkCommon(ctx: RequestContext, node: EmployeeFieldsArg, report: IssueSink) {
  for (const f of DATE_FIELDS) checkDate(report, f, node[f]);
  checkEmail(report, 'email', node.email);
  checkSocialSec(report, 'socialSec', node.socialSec);
  const genders = ctx.state.tables.systemValues.rows.filter((v) => v.definition === 'GENDER');
  const genderDbId = lookupId(report, genders, node.gender, 'gender', 'gender');
  const countryDbId = lookupId(report, ctx.state.tables.countries.rows, node.address?.country, 'address.country', 'country');
  const nationalityDbId = lookupId(report, ctx.state.tables.countries.rows, node.country, 'country', 'country');
  return { genderDbId, countryDbId, nationalityDbId };
}

/** Codes in use per owner, kept up to date while a batch is checked so duplicates inside it are caught too. */
function codeIndex(ctx: RequestContext): Map<number, Map<string, number>> {
  const idx = new Map<number, Map<string, number>>();
  for (const e of ctx.state.tables.employees.rows) {
    let m = idx.get(e.ownerDbId);
    if (!m) idx.set(e.ownerDbId, (m = new Map()));
    m.set(e.code, e.dbId);
  }
  return idx;
}

function fullName(n: { firstName?: string | null; middleName?: string | null; lastName?: string | null }): string {
  return [n.firstName, n.middleName, n.lastName].filter((x) => x).join(' ');
}

export function addEmployees(args: { inputs: BulkInputArg<AddNode>[] }, ctx: RequestContext) {
  const state = ctx.state;
  const codes = codeIndex(ctx);
  const writable = ctx.writable();
  const entities = state.tables.entities.rows.filter((e) => writable.has(e.dbId));
  const lookupOwners = ctx.lookupOwners();
  // Filtered lazily and once per request: per node, this made a 500-node add slower as the tables grew.
  let contacts: typeof state.tables.contacts.rows | undefined;
  let subledgers: typeof state.tables.subledgers.rows | undefined;

  return runBulk(
    ctx,
    'addEmployees',
    'Human Resources Employee',
    args.inputs,
    (node, report) => {
      const code = node.code?.trim() ?? '';
      checkRequired(report, 'code', code);
      if (!node.description?.trim() && !fullName(node)) {
        report({ field: 'description', code: 'INVALID_VALUE', message: 'description or firstName/lastName is required', recordCode: code });
      }
      const ownerDbId = lookupId(report, entities, node.owner, 'owner', 'entity') ?? ctx.token.ownerDbId;
      let taken = codes.get(ownerDbId);
      if (!taken) codes.set(ownerDbId, (taken = new Map()));
      if (code && taken.has(code)) {
        report({
          field: 'code',
          code: 'DUPLICATE_VALUE',
          message: `Employee code ${JSON.stringify(code)} is already in use in entity ${ownerDbId}`,
          recordCode: code,
        });
      } else if (code) taken.set(code, -1);
      const common = checkCommon(ctx, node, report);
      if (node.contact) contacts ??= state.tables.contacts.rows.filter((c) => lookupOwners.has(c.ownerDbId));
      const contactDbId = node.contact ? lookupId(report, contacts!, node.contact, 'contact', 'contact') : undefined;
      if (node.subledger) subledgers ??= state.tables.subledgers.rows.filter((c) => lookupOwners.has(c.ownerDbId));
      const subledgerDbId = node.subledger ? lookupId(report, subledgers!, node.subledger, 'subledger', 'subledger') : undefined;
      return { ...common, ownerDbId, contactDbId, subledgerDbId, code };
    },
    (node, plan) => {
      const stamp = state.timestamp();
      const name = node.description?.trim() || fullName(node);
      const base = { ownerDbId: plan.ownerDbId, createdAt: stamp, modifiedAt: stamp };
      // Assumed: addEmployees creates the person's Contact and an EMPLOYEE Subledger unless existing ones are linked.
      const contact: ContactRow =
        (plan.contactDbId ? state.tables.contacts.get(plan.contactDbId) : undefined) ??
        state.tables.contacts.insert({
          ...base,
          dbId: state.allocId(),
          code: plan.code,
          firstName: node.firstName ?? null,
          middleName: node.middleName ?? null,
          lastName: node.lastName ?? null,
          email: node.email ?? null,
          phone: node.phone ?? null,
          birthday: node.birthday ?? null,
          socialSec: node.socialSec ?? null,
          jobTitle: node.jobTitle ?? null,
          genderDbId: plan.genderDbId ?? null,
          countryDbId: plan.nationalityDbId ?? null,
          address: mergeAddress(ctx, null, node.address, plan.countryDbId),
        });
      const subledger: SubledgerRow =
        (plan.subledgerDbId ? state.tables.subledgers.get(plan.subledgerDbId) : undefined) ??
        state.tables.subledgers.insert({
          ...base,
          dbId: state.allocId(),
          ledgerType: 'EMPLOYEE',
          code: plan.code,
          description: name,
          email: node.email ?? null,
          phone: node.phoneSubledger ?? node.phone ?? null,
          bankAccount: node.bankAccount ?? null,
          companyDbId: null,
          currencyDbId: null,
          address: mergeAddress(ctx, null, node.address, plan.countryDbId),
        });
      const row: EmployeeRow = state.tables.employees.insert({
        ...base,
        dbId: state.allocId(),
        code: plan.code,
        description: name,
        email: node.email ?? null,
        employmentFrom: node.employmentFrom ?? null,
        employmentTo: node.employmentTo ?? null,
        trialTo: node.trialTo ?? null,
        noticeDate: node.noticeDate ?? null,
        dateFrom: node.dateFrom ?? null,
        dateTo: node.dateTo ?? null,
        contactDbId: contact.dbId,
        subledgerDbId: subledger.dbId,
      });
      state.recordDelta(row, 'ADDED');
      return employeeView(ctx, row);
    },
  );
}

export function updateEmployees(args: { inputs: BulkInputArg<UpdateNode>[] }, ctx: RequestContext) {
  const state = ctx.state;
  const codes = codeIndex(ctx);
  const writable = ctx.writable();

  return runBulk(
    ctx,
    'updateEmployees',
    'Human Resources Employee',
    args.inputs,
    (node, report) => {
      const row = state.tables.employees.get(node.dbId);
      if (!row || !writable.has(row.ownerDbId)) {
        report({ field: 'dbId', code: 'NOT_FOUND', message: `No employee with dbId ${node.dbId}` });
      }
      if (node.code !== undefined && row && node.code !== row.code) {
        const code = node.code?.trim() ?? '';
        checkRequired(report, 'code', code);
        const taken = codes.get(row.ownerDbId) ?? new Map<string, number>();
        if (code && taken.has(code) && taken.get(code) !== row.dbId) {
          report({
            field: 'code',
            code: 'DUPLICATE_VALUE',
            message: `Employee code ${JSON.stringify(code)} is already in use in entity ${row.ownerDbId}`,
            recordCode: code,
          });
        } else if (code) taken.set(code, row.dbId);
        codes.set(row.ownerDbId, taken);
      }
      return { row, ...checkCommon(ctx, node, report) };
    },
    (node, plan) => {
      const row = plan.row!;
      const stamp = state.timestamp();
      // Person fields live on the contact, bank/phone on the subledger; email is kept on all three (assumed).
      const employeeChanged = assign(row, {
        code: node.code ?? undefined,
        description: node.description ?? undefined,
        email: node.email,
        employmentFrom: node.employmentFrom,
        employmentTo: node.employmentTo,
        trialTo: node.trialTo,
        noticeDate: node.noticeDate,
        dateFrom: node.dateFrom,
        dateTo: node.dateTo,
      });
      const contact = row.contactDbId === null ? undefined : state.tables.contacts.get(row.contactDbId);
      let contactChanged = false;
      if (contact) {
        contactChanged = assign(contact, {
          firstName: node.firstName,
          middleName: node.middleName,
          lastName: node.lastName,
          email: node.email,
          phone: node.phone,
          birthday: node.birthday,
          socialSec: node.socialSec,
          jobTitle: node.jobTitle,
          genderDbId: node.gender === null ? null : (plan.genderDbId ?? undefined),
          countryDbId: node.country === null ? null : (plan.nationalityDbId ?? undefined),
          address: mergeAddress(ctx, contact.address, node.address, plan.countryDbId),
        });
        if (contactChanged) contact.modifiedAt = stamp;
      }
      const subledger = row.subledgerDbId === null ? undefined : state.tables.subledgers.get(row.subledgerDbId);
      let subledgerChanged = false;
      if (subledger) {
        subledgerChanged = assign(subledger, {
          email: node.email,
          phone: node.phoneSubledger,
          bankAccount: node.bankAccount,
          description: node.description ?? undefined,
          address: mergeAddress(ctx, subledger.address, node.address, plan.countryDbId),
        });
        if (subledgerChanged) subledger.modifiedAt = stamp;
      }
      // Assumed: an update that changes nothing does not bump modifiedAt or emit a delta.
      if (employeeChanged || contactChanged || subledgerChanged) {
        row.modifiedAt = stamp;
        state.recordDelta(row, 'UPDATED');
      }
      return employeeView(ctx, row);
    },
  );
}

export function removeEmployees(args: { dbIds: Array<string | number> }, ctx: RequestContext) {
  ctx.require('Human Resources Employee', 'write');
  const writable = ctx.writable();
  let numAffected = 0;
  const skippedDbIds: number[] = [];
  for (const raw of args.dbIds) {
    const dbId = Number(raw);
    const row = ctx.state.tables.employees.get(dbId);
    if (!row || !writable.has(row.ownerDbId)) {
      skippedDbIds.push(dbId);
      continue;
    }
    ctx.state.tables.employees.remove(dbId);
    ctx.state.recordDelta(row, 'DELETED');
    numAffected++;
  }
  ctx.written += numAffected;
  return { numAffected, skippedDbIds };
}
