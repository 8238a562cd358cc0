import type { RequestContext } from '../context';
import type { LookupArg } from '../lookups';
import type { SubledgerRow } from '../types';
import { contactView, subledgerView } from '../views';
import type { AddressArg, BulkInputArg, IssueSink } from './bulk';
import { assign, checkDate, checkEmail, checkRequired, checkSocialSec, lookupId, mergeAddress, runBulk } from './bulk';

interface UpdateContactNode {
  dbId: number;
  firstName?: string | null;
  middleName?: string | null;
  lastName?: string | null;
  email?: string | null;
  phone?: string | null;
  birthday?: string | null;
  socialSec?: string | null;
  jobTitle?: string | null;
  gender?: LookupArg | null;
  country?: LookupArg | null;
  address?: AddressArg | null;
}

function found<T extends { ownerDbId: number }>(report: IssueSink, row: T | undefined, writable: Set<number>, what: string, dbId: number): T | undefined {
  if (row && writable.has(row.ownerDbId)) return row;
  report({ field: 'dbId', code: 'NOT_FOUND', message: `No ${what} with dbId ${dbId}` });
  return undefined;
}

export function updateContacts(args: { inputs: BulkInputArg<UpdateContactNode>[] }, ctx: RequestContext) {
  const { state } = ctx;
  const writable = ctx.writable();
  return runBulk(
    ctx,
    'updateContacts',
    'Common Contact',
    args.inputs,
    (node, report) => {
      const row = found(report, state.tables.contacts.get(node.dbId), writable, 'contact', node.dbId);
      checkDate(report, 'birthday', node.birthday);
      checkEmail(report, 'email', node.email);
      checkSocialSec(report, 'socialSec', node.socialSec);
      const genders = state.tables.systemValues.rows.filter((v) => v.definition === 'GENDER');
      return {
        row,
        genderDbId: lookupId(report, genders, node.gender, 'gender', 'gender'),
        countryDbId: lookupId(report, state.tables.countries.rows, node.country, 'country', 'country'),
        addressCountryDbId: lookupId(report, state.tables.countries.rows, node.address?.country, 'address.country', 'country'),
      };
    },
    (node, plan) => {
      const row = plan.row!;
      const changed = assign(row, {
        firstName: node.firstName,
        middleName: node.middleName,
        lastName: node.lastName,
        email: node.email,
        phone: node.phone,
        birthday: node.birthday,
        socialSec: node.socialSec,
        jobTitle: node.jobTitle,
        genderDbId: node.gender === null ? null : (plan.genderDbId ?? undefined),
        countryDbId: node.country === null ? null : (plan.countryDbId ?? undefined),
        address: mergeAddress(ctx, row.address, node.address, plan.addressCountryDbId),
      });
      if (changed) row.modifiedAt = state.timestamp();
      return contactView(ctx, row);
    },
  );
}

interface UpdateSubledgerNode {
  dbId: number;
  code?: string | null;
  description?: string | null;
  email?: string | null;
  phone?: string | null;
  bankAccount?: string | null;
  currency?: LookupArg | null;
  address?: AddressArg | null;
}

function updateLedger(root: 'updateSubledgers' | 'updateSuppliers', args: { inputs: BulkInputArg<UpdateSubledgerNode>[] }, ctx: RequestContext) {
  const { state } = ctx;
  const writable = ctx.writable();
  const suppliersOnly = root === 'updateSuppliers';
  return runBulk(
    ctx,
    root,
    suppliersOnly ? 'Common Supplier' : 'Common Subledger',
    args.inputs,
    (node, report) => {
      let row = found(report, state.tables.subledgers.get(node.dbId), writable, suppliersOnly ? 'supplier' : 'subledger', node.dbId);
      if (row && suppliersOnly && row.ledgerType !== 'SUPPLIER') {
        report({ field: 'dbId', code: 'NOT_FOUND', message: `No supplier with dbId ${node.dbId}` });
        row = undefined;
      }
      if (node.description !== undefined) checkRequired(report, 'description', node.description);
      checkEmail(report, 'email', node.email);
      return {
        row,
        currencyDbId: lookupId(report, state.tables.currencies.rows, node.currency, 'currency', 'currency'),
        countryDbId: lookupId(report, state.tables.countries.rows, node.address?.country, 'address.country', 'country'),
      };
    },
    (node, plan) => {
      const row = plan.row!;
      const changed = assign(row, {
        code: node.code ?? undefined,
        description: node.description ?? undefined,
        email: node.email,
        phone: node.phone,
        bankAccount: node.bankAccount,
        currencyDbId: plan.currencyDbId ?? undefined,
        address: mergeAddress(ctx, row.address, node.address, plan.countryDbId),
      });
      if (changed) row.modifiedAt = state.timestamp();
      if (changed && row.ledgerType === 'SUPPLIER') state.supplierDeltas.record(row, 'UPDATED');
      return subledgerView(ctx, row);
    },
  );
}

export const updateSubledgers = (args: { inputs: BulkInputArg<UpdateSubledgerNode>[] }, ctx: RequestContext) => updateLedger('updateSubledgers', args, ctx);
export const updateSuppliers = (args: { inputs: BulkInputArg<UpdateSubledgerNode>[] }, ctx: RequestContext) => updateLedger('updateSuppliers', args, ctx);

interface AddSupplierNode {
  code: string;
  description: string;
  email?: string | null;
  phone?: string | null;
  bankAccount?: string | null;
  companyNumber?: string | null;
  currency?: LookupArg | null;
  country?: LookupArg | null;
  company?: LookupArg | null;
  address?: AddressArg | null;
  owner?: LookupArg | null;
}

export function addSuppliers(args: { inputs: BulkInputArg<AddSupplierNode>[] }, ctx: RequestContext) {
  const { state } = ctx;
  const writable = ctx.writable();
  const entities = state.tables.entities.rows.filter((e) => writable.has(e.dbId));
  const taken = new Set(state.tables.subledgers.rows.filter((s) => s.ledgerType === 'SUPPLIER').map((s) => `${s.ownerDbId}/${s.code}`));
  const lookupOwners = ctx.lookupOwners();
  return runBulk(
    ctx,
    'addSuppliers',
    'Common Supplier',
    args.inputs,
    (node, report) => {
      checkRequired(report, 'code', node.code);
      checkRequired(report, 'description', node.description);
      checkEmail(report, 'email', node.email);
      const ownerDbId = lookupId(report, entities, node.owner, 'owner', 'entity') ?? ctx.token.ownerDbId;
      const key = `${ownerDbId}/${node.code}`;
      if (taken.has(key)) {
        report({ field: 'code', code: 'DUPLICATE_VALUE', message: `Supplier code ${JSON.stringify(node.code)} is already in use`, recordCode: node.code });
      }
      taken.add(key);
      const companies = state.tables.companies.rows.filter((c) => lookupOwners.has(c.ownerDbId));
      return {
        ownerDbId,
        currencyDbId: lookupId(report, state.tables.currencies.rows, node.currency, 'currency', 'currency'),
        countryDbId: lookupId(report, state.tables.countries.rows, node.address?.country ?? node.country, 'address.country', 'country'),
        companyDbId: lookupId(report, companies, node.company, 'company', 'company'),
      };
    },
    (node, plan) => {
      const stamp = state.timestamp();
      const row: SubledgerRow = state.tables.subledgers.insert({
        dbId: state.allocId(),
        ownerDbId: plan.ownerDbId,
        createdAt: stamp,
        modifiedAt: stamp,
        ledgerType: 'SUPPLIER',
        code: node.code,
        description: node.description,
        email: node.email ?? null,
        phone: node.phone ?? null,
        bankAccount: node.bankAccount ?? null,
        companyDbId: plan.companyDbId ?? null,
        currencyDbId: plan.currencyDbId ?? null,
        address: mergeAddress(ctx, null, node.address ?? (node.country ? {} : null), plan.countryDbId),
      });
      state.supplierDeltas.record(row, 'ADDED');
      return subledgerView(ctx, row);
    },
  );
}
