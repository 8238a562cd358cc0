import { parseConnectionSettings } from '../../config/connection-settings';
import { invoiceSettingsSchema } from '../../config/settings/invoices-settings';
import { STANDARD_VAT_CODES } from '../../domain/invoices/vat';

describe('settings.invoices', () => {
  it('defaults to the standard VAT table, invoices as invoice basis items, VAT per line, customers created', () => {
    const s = invoiceSettingsSchema.parse({});
    expect(s.vatCodes).toEqual(STANDARD_VAT_CODES);
    expect(s).toMatchObject({
      transferMethod: 'invoices',
      invoicesAs: 'invoice-base-items',
      vatRounding: 'per-line',
      createMissingCustomers: true,
      departments: [],
    });
  });

  it('refuses a bad rate, a VAT code twice, an unknown method, and unknown keys, naming the setting', () => {
    const message = (invoices: unknown) => {
      try {
        parseConnectionSettings({ invoices });
      } catch (err) {
        return (err as Error).message;
      }
      return 'no error';
    };
    expect(message({ vatCodes: [{ code: '2', ratePercent: '25.5%' }] })).toMatch(/invoices\.vatCodes\.0\.ratePercent: must be a percent/);
    expect(
      message({
        vatCodes: [
          { code: '2', ratePercent: '25' },
          { code: '2', ratePercent: '15' },
        ],
      }),
    ).toMatch(/each VAT code once/);
    expect(message({ transferMethodByDepartment: { BERGEN: 'barter' } })).toMatch(/invoices\.transferMethodByDepartment\.BERGEN/);
    expect(message({ rounding: 'up' })).toMatch(/invoices\.rounding: unknown setting/);
  });
});
