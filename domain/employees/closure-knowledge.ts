import { normalizeEmailForComparison } from '../shared/validation/email';
import type { ChangeSetClosure } from './change-set';
import type { EmployeeLink } from './employee-types';

/** An HR employee as stored: the number (untrimmed) and work email matching looks at. */
export interface HrKey {
  employeeNumber: string;
  workEmail: string | null;
}

/** Where HR keys and links are looked up (the HR store and the links store, in SQL). */
export interface ClosureKeyLookup {
  /** HR employees in scope whose trimmed number is one of `numbers`, or whose work email compares equal to one of `emails`. */
  hrKeys(q: { numbers: string[]; emails: string[] }): Promise<HrKey[]>;
  /** Links whose trimmed employee number is one of `numbers`, or whose Xledger employee is one of `dbIds`. */
  links(q: { numbers: string[]; dbIds: number[] }): Promise<EmployeeLink[]>;
}

/** What may enter the closure next: HR employee numbers, and Xledger employees' codes, emails and dbIds. */
export interface Entrants {
  numbers?: Iterable<string | null>;
  emails?: Iterable<string | null>;
  dbIds?: Iterable<number>;
}

/**
 * Teaches a `ChangeSetClosure` only the HR keys and links its people can reach, looked up as they come, instead of the
 * whole company's: an incremental run's cost then follows what changed. `about(entrants)` is called before those
 * entrants enter the closure; it follows links and shared emails until nothing new turns up, so the closure decides
 * exactly as it would knowing everything.
 */
export class ClosureKnowledge {
  private readonly askedNumbers = new Set<string>();
  private readonly askedEmails = new Set<string>();
  private readonly askedDbIds = new Set<number>();
  private readonly hrSeen = new Set<string>();
  private readonly linkSeen = new Set<string>();
  /** Every HR key learnt, as stored (untrimmed), by trimmed number: what staging reads HR's rows by. */
  readonly storedNumbers = new Map<string, string[]>();
  /** Trimmed employee numbers that have a link. */
  readonly linkedNumbers = new Set<string>();

  constructor(
    private readonly closure: ChangeSetClosure,
    private readonly lookup: ClosureKeyLookup,
  ) {}

  async about(entrants: Entrants): Promise<void> {
    let numbers = this.fresh(entrants.numbers ?? [], this.askedNumbers, trimmed);
    let emails = this.fresh(entrants.emails ?? [], this.askedEmails, normalizeEmailForComparison);
    let dbIds = this.fresh(entrants.dbIds ?? [], this.askedDbIds, (id) => id);
    while (numbers.length + emails.length + dbIds.length > 0) {
      const [hrKeys, links] = await Promise.all([
        numbers.length + emails.length ? this.lookup.hrKeys({ numbers, emails }) : [],
        numbers.length + dbIds.length ? this.lookup.links({ numbers, dbIds }) : [],
      ]);
      const newKeys = hrKeys.filter((h) => !this.hrSeen.has(h.employeeNumber));
      const newLinks = links.filter((l) => !this.linkSeen.has(l.hrEmployeeNumber));
      for (const h of newKeys) {
        this.hrSeen.add(h.employeeNumber);
        const number = h.employeeNumber.trim();
        this.storedNumbers.set(number, [...(this.storedNumbers.get(number) ?? []), h.employeeNumber]);
      }
      for (const l of newLinks) {
        this.linkSeen.add(l.hrEmployeeNumber);
        this.linkedNumbers.add(l.hrEmployeeNumber.trim());
      }
      this.closure.learn(newKeys, newLinks);
      numbers = this.fresh([...newKeys.map((h) => h.employeeNumber), ...newLinks.map((l) => l.hrEmployeeNumber)], this.askedNumbers, trimmed);
      emails = this.fresh(
        newKeys.map((h) => h.workEmail),
        this.askedEmails,
        normalizeEmailForComparison,
      );
      dbIds = this.fresh(
        newLinks.map((l) => l.xledgerDbId),
        this.askedDbIds,
        (id) => id,
      );
    }
  }

  /** The values not asked about yet, normalized; marked as asked. */
  private fresh<T, K>(values: Iterable<T | null>, asked: Set<K>, key: (v: T) => K | null): K[] {
    const out: K[] = [];
    for (const v of values) {
      if (v === null) continue;
      const k = key(v);
      if (k === null || asked.has(k)) continue;
      asked.add(k);
      out.push(k);
    }
    return out;
  }
}

const trimmed = (n: string): string | null => (n.trim() === '' ? null : n.trim());
