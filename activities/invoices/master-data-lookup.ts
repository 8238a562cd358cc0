import type { KnownInXledger, UsedValues } from '../../domain/invoices/validate';
import type { InvoiceExportClient } from '../../xledger/client/invoices';

/**
 * What Xledger knows of the products, accounts, VAT codes, dimensions and currencies a run's documents use. One small
 * interface, so the master-data mirror (another kind, being built) can answer instead of Xledger when it lands.
 */
export interface MasterDataLookup {
  known(values: UsedValues): Promise<KnownInXledger>;
}

/** By lookup against Xledger: one read per kind of value for the whole run (≤ 1,000 codes each), never one per line. */
export function xledgerMasterDataLookup(client: InvoiceExportClient): MasterDataLookup {
  return {
    async known(values) {
      const accounts = await client.knownAccounts(values.accounts);
      const objectValues = await client.knownObjectValues(values.vatCodes, values.dimensions);
      const currencies = await client.knownCurrencies(values.currencies);
      const products = await client.knownProducts(values.products);
      return { accounts, vatCodes: objectValues.vatCodes, dimensions: objectValues.dimensions, currencies, products };
    },
  };
}
