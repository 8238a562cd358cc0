import { z } from 'zod';
import { STANDARD_VAT_CODES } from '../../domain/invoices/vat';

const transferMethod = z.enum(['invoices', 'orders']);

/** The invoice export's settings of a connection (`settings.invoices`); docs/invoices.md. */
export const invoiceSettingsSchema = z
  .object({
    /** Departments this connection exports (invoice_documents.department); empty: every department. */
    departments: z.array(z.string().min(1)).default([]),
    /**
     * RecMan's transfer method: `invoices` (invoiced in the source system; Xledger books them) or `orders` (exported
     * as sales orders, invoiced in Xledger). A document of the other kind is refused with the reason.
     */
    transferMethod: transferMethod.default('invoices'),
    /** A department's own transfer method, over `transferMethod`. */
    transferMethodByDepartment: z.record(z.string().min(1), transferMethod).default({}),
    /** Invoices and credit notes as invoice basis items (addInvoiceBaseItems) or GL import items (addGLImportItems). */
    invoicesAs: z.enum(['invoice-base-items', 'gl-import']).default('invoice-base-items'),
    /** The VAT table: code and rate in percent. Default: RecMan's standard table. */
    vatCodes: z
      .array(
        z
          .object({
            code: z.string().trim().min(1),
            ratePercent: z.string().regex(/^\d{1,3}(\.\d{1,2})?$/, 'must be a percent such as "25" or "11.11"'),
            description: z.string().default(''),
          })
          .strict(),
      )
      .min(1)
      .refine((codes) => new Set(codes.map((c) => c.code)).size === codes.length, 'each VAT code once')
      .default(STANDARD_VAT_CODES.map((c) => ({ ...c }))),
    /** VAT rounded per line, or once per VAT code per invoice. Half away from zero, to the øre, either way. */
    vatRounding: z.enum(['per-line', 'per-invoice']).default('per-line'),
    /** Customers missing in Xledger are created (company, then customer; looked up by code first), or the document fails. */
    createMissingCustomers: z.boolean().default(true),
    /** Besides the failure email: one summary email a day at this Oslo time (HH:mm), by the schedule xsync.<connection>.invoice-digest; null: none. */
    dailyDigestAt: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:mm')
      .nullable()
      .default(null),
  })
  .strict();

export type InvoiceSettings = z.infer<typeof invoiceSettingsSchema>;
