/** A VAT rate in force over a period (Xledger `taxTableSetups`: taxPercent, dateFrom, dateTo, objectValueDbId). */
export interface TaxRate {
  percent: string;
  dateFrom: string | null;
  dateTo: string | null;
}

export interface TaxTableSetupNode {
  objectValueDbId?: number | null;
  taxPercent?: string | null;
  dateFrom?: string | null;
  dateTo?: string | null;
}

/** The rates of each tax rule (object value dbId), oldest first; setups without a rule or a percent are left out. */
export function ratesByTaxRule(setups: readonly TaxTableSetupNode[]): Map<number, TaxRate[]> {
  const out = new Map<number, TaxRate[]>();
  for (const s of setups) {
    if (s.objectValueDbId === null || s.objectValueDbId === undefined || s.taxPercent === null || s.taxPercent === undefined) continue;
    const list = out.get(s.objectValueDbId) ?? [];
    list.push({ percent: s.taxPercent, dateFrom: s.dateFrom ?? null, dateTo: s.dateTo ?? null });
    out.set(s.objectValueDbId, list);
  }
  for (const list of out.values()) list.sort((a, b) => (a.dateFrom ?? '').localeCompare(b.dateFrom ?? ''));
  return out;
}

/** The percent in force on `today` (YYYY-MM-DD), or null when none is. */
export function rateOn(rates: readonly TaxRate[], today: string): string | null {
  const inForce = rates.filter((r) => (r.dateFrom === null || r.dateFrom <= today) && (r.dateTo === null || r.dateTo >= today));
  return inForce.length > 0 ? inForce[inForce.length - 1]!.percent : null;
}

/** The TAX_RULE object kind among the kinds (codes and dbIds differ per tenant; the name is Xledger's). */
export function taxRuleKindDbId(kinds: ReadonlyArray<{ dbId: number; name?: string | null }>): number | undefined {
  return kinds.find((k) => (k.name ?? '').toUpperCase() === 'TAX_RULE')?.dbId;
}
