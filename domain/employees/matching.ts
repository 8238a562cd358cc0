import { groupBy } from '../shared/collections';
import type { EmployeeLink } from './employee-types';
import { normalizeEmailForComparison } from '../shared/validation/email';

/**
 * Pairs HR employees with Xledger employees. Order:
 *   1. remembered links (when the linked Xledger dbId still exists),
 *   2. email (trimmed, case-insensitive) — for all HR employees before any code match,
 *   3. employee number = Xledger `code`.
 * Anything that cannot be decided safely is reported as an ambiguity with a reason, never guessed.
 * O(n) with hash maps.
 */

export interface MatchableHr {
  employeeNumber: string | null;
  workEmail: string | null;
}

export interface MatchableXledger {
  dbId: number;
  code: string | null;
  email: string | null;
}

export type MatchMethod = 'link' | 'email' | 'employeeNumber';

export interface EmployeeMatch<H, X> {
  hr: H;
  xledger: X;
  matchedBy: MatchMethod;
}

export interface MatchAmbiguity<H, X> {
  hr: H[];
  xledger: X[];
  reason: string;
}

export interface MatchResult<H, X> {
  matches: EmployeeMatch<H, X>[];
  onlyInHr: H[];
  onlyInXledger: X[];
  ambiguities: MatchAmbiguity<H, X>[];
  /** Remembered links whose Xledger employee no longer exists (they were ignored). */
  staleLinks: EmployeeLink[];
}

const codeKey = (v: string | null): string | null => {
  if (v === null) return null;
  const t = v.trim();
  return t.length === 0 ? null : t;
};

export function matchEmployees<H extends MatchableHr, X extends MatchableXledger>(
  hrEmployees: readonly H[],
  xledgerEmployees: readonly X[],
  links: readonly EmployeeLink[] = [],
): MatchResult<H, X> {
  const result: MatchResult<H, X> = { matches: [], onlyInHr: [], onlyInXledger: [], ambiguities: [], staleLinks: [] };

  const xByDbId = new Map<number, X>();
  for (const x of xledgerEmployees) xByDbId.set(x.dbId, x);
  const xByEmail = groupBy(xledgerEmployees, (x) => normalizeEmailForComparison(x.email));
  const xByCode = groupBy(xledgerEmployees, (x) => codeKey(x.code));
  const hrByNumber = groupBy(hrEmployees, (h) => codeKey(h.employeeNumber));
  const hrByEmail = groupBy(hrEmployees, (h) => normalizeEmailForComparison(h.workEmail));

  const doneHr = new Set<H>();
  const claimedX = new Set<X>();

  const ambiguous = (hr: H[], xl: X[], reason: string) => {
    result.ambiguities.push({ hr, xledger: xl, reason });
    for (const h of hr) doneHr.add(h);
    for (const x of xl) claimedX.add(x);
  };
  const match = (h: H, x: X, matchedBy: MatchMethod) => {
    result.matches.push({ hr: h, xledger: x, matchedBy });
    doneHr.add(h);
    claimedX.add(x);
  };

  // 0. Duplicate employee numbers in HR cannot be matched safely.
  for (const [number, group] of hrByNumber) {
    if (group.length > 1) {
      const xs = (xByCode.get(number) ?? []).filter((x) => !claimedX.has(x));
      ambiguous(group, xs, `${group.length} HR employees share employee number ${number}`);
    }
  }

  // 1. Remembered links.
  const linkByNumber = new Map<string, EmployeeLink>();
  for (const link of links) linkByNumber.set(link.hrEmployeeNumber.trim(), link);
  const linkClaims = new Map<number, H[]>();
  for (const h of hrEmployees) {
    if (doneHr.has(h)) continue;
    const number = codeKey(h.employeeNumber);
    const link = number === null ? undefined : linkByNumber.get(number);
    if (!link) continue;
    if (!xByDbId.has(link.xledgerDbId)) {
      result.staleLinks.push(link);
      continue;
    }
    const list = linkClaims.get(link.xledgerDbId);
    if (list) list.push(h);
    else linkClaims.set(link.xledgerDbId, [h]);
  }
  for (const [dbId, hs] of linkClaims) {
    const x = xByDbId.get(dbId) as X;
    if (claimedX.has(x)) {
      ambiguous(hs, [], `Remembered link points to Xledger employee ${dbId}, which is already taken by another match`);
    } else if (hs.length > 1) {
      ambiguous(hs, [x], `${hs.length} HR employees are linked to the same Xledger employee ${dbId}`);
    } else {
      match(hs[0] as H, x, 'link');
    }
  }

  // 2. Email, for every remaining HR employee before any code match.
  for (const h of hrEmployees) {
    if (doneHr.has(h)) continue;
    const email = normalizeEmailForComparison(h.workEmail);
    if (email === null) continue;
    const hrSameEmail = hrByEmail.get(email) ?? [];
    const candidates = (xByEmail.get(email) ?? []).filter((x) => !claimedX.has(x));
    if (candidates.length === 0) continue;
    if (hrSameEmail.length > 1) {
      ambiguous(
        hrSameEmail.filter((o) => !doneHr.has(o)),
        candidates,
        `${hrSameEmail.length} HR employees share the email address, so it cannot identify one Xledger employee`,
      );
      continue;
    }
    if (candidates.length > 1) {
      ambiguous([h], candidates, `${candidates.length} Xledger employees share this email address`);
      continue;
    }
    const x = candidates[0] as X;
    const number = codeKey(h.employeeNumber);
    const byCode = number === null ? [] : (xByCode.get(number) ?? []).filter((c) => c !== x && !claimedX.has(c));
    if (byCode.length > 0) {
      ambiguous(
        [h],
        [x, ...byCode],
        `Email matches Xledger employee ${x.dbId} but the employee number matches Xledger employee ${byCode.map((c) => c.dbId).join(', ')}`,
      );
      continue;
    }
    const xCode = codeKey(x.code);
    if (xCode !== null && xCode !== number) {
      const others = (hrByNumber.get(xCode) ?? []).filter((o) => o !== h);
      if (others.length > 0) {
        ambiguous(
          [h, ...others.filter((o) => !doneHr.has(o))],
          [x],
          `Email matches Xledger employee ${x.dbId}, whose employee number ${xCode} belongs to another HR employee`,
        );
        continue;
      }
    }
    match(h, x, 'email');
  }

  // 3. Employee number = code.
  for (const h of hrEmployees) {
    if (doneHr.has(h)) continue;
    const number = codeKey(h.employeeNumber);
    if (number === null) continue;
    const all = xByCode.get(number) ?? [];
    const candidates = all.filter((x) => !claimedX.has(x));
    if (candidates.length > 1) {
      ambiguous([h], candidates, `${candidates.length} Xledger employees have employee number ${number}`);
    } else if (candidates.length === 1) {
      match(h, candidates[0] as X, 'employeeNumber');
    } else if (all.length > 0) {
      // The code is taken by an Xledger employee that matched someone else: creating this person would
      // produce a duplicate employee number in Xledger.
      ambiguous([h], [], `Employee number ${number} is already used in Xledger by an employee matched to someone else`);
    }
  }

  for (const h of hrEmployees) if (!doneHr.has(h)) result.onlyInHr.push(h);
  for (const x of xledgerEmployees) if (!claimedX.has(x)) result.onlyInXledger.push(x);
  return result;
}
