import type { RequestContext } from '../context';
import type { LookupArg } from '../lookups';
import type { SalesOrderDetailRow } from '../types';
import { invoiceBaseItemView, salesOrderView } from '../views';
import type { BulkInputArg, IssueSink } from './bulk';
import { checkDate, checkDecimal, lookupId, runBulk, sumMoney } from './bulk';
import { lineAmount } from './invoice-export';

interface InvoiceBaseItemNode {
  subledger: LookupArg;
  product: LookupArg;
  lineNumber?: number | null;
  quantity: string;
  unitPrice?: string | null;
  discountPercent?: string | null;
  text?: string | null;
  extIdentifier?: string | null;
  extOrder?: string | null;
  invoiceDate?: string | null;
  dueDate?: string | null;
  yourReference?: string | null;
  headerInfo?: string | null;
  glObject1?: LookupArg | null;
  glObject2?: LookupArg | null;
  glObject3?: LookupArg | null;
  taxRule?: LookupArg | null;
  currency?: LookupArg | null;
  owner?: LookupArg | null;
}

function refs(ctx: RequestContext) {
  const owners = ctx.lookupOwners();
  const { tables } = ctx.state;
  const taxKind = tables.objectKinds.rows.find((k) => k.name === 'TAX_RULE')?.dbId;
  const visibleValues = tables.objectValues.rows.filter((v) => owners.has(v.ownerDbId));
  const writable = ctx.writable();
  return {
    customers: tables.subledgers.rows.filter((s) => owners.has(s.ownerDbId) && s.ledgerType === 'CUSTOMER'),
    products: tables.products.rows.filter((p) => owners.has(p.ownerDbId)),
    taxRules: visibleValues.filter((v) => v.objectKindDbId === taxKind),
    dimensions: visibleValues.filter((v) => v.objectKindDbId !== taxKind),
    entities: tables.entities.rows.filter((e) => writable.has(e.dbId)),
  };
}

export function addInvoiceBaseItems(args: { inputs: BulkInputArg<InvoiceBaseItemNode>[] }, ctx: RequestContext) {
  const { state } = ctx;
  const r = refs(ctx);
  return runBulk(
    ctx,
    'addInvoiceBaseItems',
    'Accounts Receivable',
    args.inputs,
    (node, report) => {
      checkDecimal(report, 'quantity', node.quantity);
      checkDecimal(report, 'unitPrice', node.unitPrice);
      checkDecimal(report, 'discountPercent', node.discountPercent);
      checkDate(report, 'invoiceDate', node.invoiceDate);
      checkDate(report, 'dueDate', node.dueDate);
      return {
        subledgerDbId: lookupId(report, r.customers, node.subledger, 'subledger', 'customer'),
        productDbId: lookupId(report, r.products, node.product, 'product', 'product'),
        glObject1DbId: lookupId(report, r.dimensions, node.glObject1, 'glObject1', 'object value'),
        glObject2DbId: lookupId(report, r.dimensions, node.glObject2, 'glObject2', 'object value'),
        glObject3DbId: lookupId(report, r.dimensions, node.glObject3, 'glObject3', 'object value'),
        taxRuleDbId: lookupId(report, r.taxRules, node.taxRule, 'taxRule', 'tax rule'),
        currencyDbId: lookupId(report, state.tables.currencies.rows, node.currency, 'currency', 'currency'),
        ownerDbId: lookupId(report, r.entities, node.owner, 'owner', 'entity') ?? ctx.token.ownerDbId,
      };
    },
    (node, plan) => {
      const stamp = state.timestamp();
      const product = state.tables.products.get(plan.productDbId!)!;
      const unitPrice = node.unitPrice ?? product.salesPrice ?? '0';
      const row = state.tables.invoiceBaseItems.insert({
        dbId: state.allocId(),
        ownerDbId: plan.ownerDbId,
        createdAt: stamp,
        modifiedAt: stamp,
        subledgerDbId: plan.subledgerDbId!,
        productDbId: plan.productDbId!,
        text: node.text ?? null,
        quantity: node.quantity,
        unitPrice,
        amount: lineAmount(node.quantity, unitPrice, node.discountPercent),
        lineNumber: node.lineNumber ?? null,
        discountPercent: node.discountPercent ?? null,
        extIdentifier: node.extIdentifier ?? null,
        extOrder: node.extOrder ?? null,
        dueDate: node.dueDate ?? null,
        glObject2DbId: plan.glObject2DbId ?? null,
        glObject3DbId: plan.glObject3DbId ?? null,
        invoiceDate: node.invoiceDate ?? null,
        yourReference: node.yourReference ?? null,
        headerInfo: node.headerInfo ?? null,
        glObject1DbId: plan.glObject1DbId ?? null,
        taxRuleDbId: plan.taxRuleDbId ?? product.taxRuleDbId,
        currencyDbId: plan.currencyDbId ?? null,
      });
      return invoiceBaseItemView(ctx, row);
    },
  );
}

interface SalesOrderDetailNode {
  lineNumber?: number | null;
  product: LookupArg;
  quantity: string;
  unitPrice?: string | null;
  discountPercent?: string | null;
  text?: string | null;
  taxRule?: LookupArg | null;
  glObject1?: LookupArg | null;
  glObject2?: LookupArg | null;
  glObject3?: LookupArg | null;
}

interface SalesOrderNode {
  subledger: LookupArg;
  extOrder?: string | null;
  orderDate?: string | null;
  invoiceDate?: string | null;
  dueDate?: string | null;
  deliveryDate?: string | null;
  text?: string | null;
  yourReference?: string | null;
  currency?: LookupArg | null;
  details: SalesOrderDetailNode[];
  owner?: LookupArg | null;
}

/** Assumed shape: one input = one sales order header with its lines in `details`. */
export function addSalesOrderItems(args: { inputs: BulkInputArg<SalesOrderNode>[] }, ctx: RequestContext) {
  const { state } = ctx;
  const r = refs(ctx);
  return runBulk(
    ctx,
    'addSalesOrderItems',
    'Accounts Receivable',
    args.inputs,
    (node, report: IssueSink) => {
      checkDate(report, 'orderDate', node.orderDate);
      checkDate(report, 'invoiceDate', node.invoiceDate);
      checkDate(report, 'dueDate', node.dueDate);
      checkDate(report, 'deliveryDate', node.deliveryDate);
      if (node.details.length === 0) report({ field: 'details', code: 'INVALID_VALUE', message: 'An order needs at least one line' });
      const lines = node.details.map((d, i) => {
        checkDecimal(report, `details[${i}].quantity`, d.quantity);
        checkDecimal(report, `details[${i}].unitPrice`, d.unitPrice);
        checkDecimal(report, `details[${i}].discountPercent`, d.discountPercent);
        return {
          productDbId: lookupId(report, r.products, d.product, `details[${i}].product`, 'product'),
          taxRuleDbId: lookupId(report, r.taxRules, d.taxRule, `details[${i}].taxRule`, 'tax rule'),
          glObject1DbId: lookupId(report, r.dimensions, d.glObject1, `details[${i}].glObject1`, 'object value'),
          glObject2DbId: lookupId(report, r.dimensions, d.glObject2, `details[${i}].glObject2`, 'object value'),
          glObject3DbId: lookupId(report, r.dimensions, d.glObject3, `details[${i}].glObject3`, 'object value'),
        };
      });
      return {
        lines,
        subledgerDbId: lookupId(report, r.customers, node.subledger, 'subledger', 'customer'),
        currencyDbId: lookupId(report, state.tables.currencies.rows, node.currency, 'currency', 'currency'),
        ownerDbId: lookupId(report, r.entities, node.owner, 'owner', 'entity') ?? ctx.token.ownerDbId,
      };
    },
    (node, plan) => {
      const stamp = state.timestamp();
      const details: SalesOrderDetailRow[] = node.details.map((d, i) => {
        const product = state.tables.products.get(plan.lines[i]!.productDbId!)!;
        const unitPrice = d.unitPrice ?? product.salesPrice ?? '0';
        return {
          lineNumber: d.lineNumber ?? i + 1,
          productDbId: product.dbId,
          text: d.text ?? null,
          quantity: d.quantity,
          unitPrice,
          discountPercent: d.discountPercent ?? null,
          amount: lineAmount(d.quantity, unitPrice, d.discountPercent),
          taxRuleDbId: plan.lines[i]!.taxRuleDbId ?? product.taxRuleDbId,
          glObject1DbId: plan.lines[i]!.glObject1DbId ?? null,
          glObject2DbId: plan.lines[i]!.glObject2DbId ?? null,
          glObject3DbId: plan.lines[i]!.glObject3DbId ?? null,
        };
      });
      const orderNumber = 1 + state.tables.salesOrders.rows.filter((o) => o.ownerDbId === plan.ownerDbId).reduce((m, o) => Math.max(m, o.orderNumber), 0);
      const row = state.tables.salesOrders.insert({
        dbId: state.allocId(),
        ownerDbId: plan.ownerDbId,
        createdAt: stamp,
        modifiedAt: stamp,
        orderNumber,
        orderDate: node.orderDate ?? stamp.slice(0, 10),
        text: node.text ?? null,
        yourReference: node.yourReference ?? null,
        subledgerDbId: plan.subledgerDbId!,
        currencyDbId: plan.currencyDbId ?? null,
        amount: sumMoney(details.map((d) => d.amount)),
        details,
        extOrder: node.extOrder ?? null,
        invoiceDate: node.invoiceDate ?? null,
        dueDate: node.dueDate ?? null,
        deliveryDate: node.deliveryDate ?? null,
      });
      return salesOrderView(ctx, row);
    },
  );
}
