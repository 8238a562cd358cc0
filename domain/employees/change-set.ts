import { normalizeEmailForComparison } from '../shared/validation/email';
import type { EmployeeLink } from './employee-types';
import type { MatchableHr, MatchableXledger } from './matching';

/** The Xledger employees an incremental run still has to read, by filter (`dbId_in`, `code_in`, `email`). */
export interface CounterpartReads {
  dbIds: number[];
  codes: string[];
  emails: string[];
}

const numberKey = (v: string | null): string | null => (v === null || v.trim() === '' ? null : v.trim());

/**
 * Who an incremental run must plan so that it decides for them exactly as a full run would: the people that changed
 * (HR outbox, Xledger's `modifiedAt_gte` read, people an earlier run left open), closed under everything matching
 * looks at — remembered links, work emails, employee number = code — on both sides. HR's keys and the links are local
 * (every one of them is known); Xledger is read only for the counterparts (`nextReads`), round by round, until no
 * counterpart is missing. Planning the closed set on its own gives the same tasks for its people as planning everyone,
 * so nobody is wrongly "only in HR" or "only in Xledger" because the other side was not read. Pure.
 */
export class ChangeSetClosure {
  private readonly hrEmail = new Map<string, string>();
  /** Work emails as HR has them (trimmed): Xledger's `email` filter may compare exactly. */
  private readonly hrEmailAsWritten = new Map<string, string>();
  private readonly hrByEmail = new Map<string, string[]>();
  private readonly linkOf = new Map<string, number>();
  private readonly linkedTo = new Map<number, string[]>();
  private readonly people = new Set<string>();
  private readonly read = new Map<number, MatchableXledger>();
  private readonly asked = { dbIds: new Set<number>(), codes: new Set<string>(), emails: new Set<string>() };

  /**
   * `hrKeys`: the HR employees in the connection's scope (numbers and work emails); `links`: the stored links. Either
   * all of them, or a start that `learn` completes before people enter (see `ClosureKnowledge`).
   */
  constructor(hrKeys: readonly MatchableHr[] = [], links: readonly EmployeeLink[] = []) {
    this.learn(hrKeys, links);
  }

  /**
   * More HR keys and links, each given once. Whatever a person or an Xledger employee entering the closure leads to —
   * their HR key, their link, everyone sharing their email, the links of a dbId — must be learnt before they enter.
   */
  learn(hrKeys: readonly MatchableHr[], links: readonly EmployeeLink[]): void {
    for (const h of hrKeys) {
      const number = numberKey(h.employeeNumber);
      if (number === null) continue;
      const email = normalizeEmailForComparison(h.workEmail);
      if (email) {
        this.hrEmail.set(number, email);
        this.hrEmailAsWritten.set(number, h.workEmail!.trim());
        push(this.hrByEmail, email, number);
      }
    }
    for (const l of links) {
      const number = l.hrEmployeeNumber.trim();
      this.linkOf.set(number, l.xledgerDbId);
      push(this.linkedTo, l.xledgerDbId, number);
    }
  }

  /** The HR employee numbers to plan (and stage from HR), so far. */
  get employeeNumbers(): string[] {
    return [...this.people];
  }

  /** The Xledger employees read so far (changed ones and counterparts), in dbId order as a full read pages them. */
  get xledger(): MatchableXledger[] {
    return [...this.read.values()].sort((a, b) => a.dbId - b.dbId);
  }

  /** People that changed in HR or were left open; with everyone in HR sharing their work email. */
  addHr(employeeNumbers: Iterable<string>): void {
    const queue = [...employeeNumbers].map((n) => n.trim()).filter((n) => n !== '');
    while (queue.length > 0) {
      const number = queue.pop()!;
      if (this.people.has(number)) continue;
      this.people.add(number);
      const email = this.hrEmail.get(number);
      if (email) queue.push(...(this.hrByEmail.get(email) ?? []));
    }
  }

  /**
   * Xledger employees read (changed since the bookmark, or counterparts asked for): each brings in the HR people it
   * could match — the one linked to it, the one whose number is its code, those with its email.
   */
  addXledger(employees: Iterable<MatchableXledger>): void {
    for (const x of employees) {
      this.read.set(x.dbId, x);
      const code = numberKey(x.code);
      const email = normalizeEmailForComparison(x.email);
      this.addHr([...(this.linkedTo.get(x.dbId) ?? []), ...(code ? [code] : []), ...(email ? (this.hrByEmail.get(email) ?? []) : [])]);
    }
  }

  /** Records what was asked for (found or not): asked once, never again. */
  markAsked(reads: CounterpartReads): void {
    for (const id of reads.dbIds) this.asked.dbIds.add(id);
    for (const c of reads.codes) this.asked.codes.add(c);
    for (const e of reads.emails) this.asked.emails.add(normalizeEmailForComparison(e) ?? e);
  }

  /**
   * The counterparts still to read: a linked person's Xledger employee by dbId; for someone unlinked, or whose linked
   * employee is gone (asked for, not found), by employee number as code and by work email. Empty when closed.
   */
  nextReads(): CounterpartReads {
    const reads: CounterpartReads = { dbIds: [], codes: [], emails: [] };
    for (const number of this.people) {
      const dbId = this.linkOf.get(number);
      if (dbId !== undefined && !this.read.has(dbId) && !this.asked.dbIds.has(dbId)) {
        reads.dbIds.push(dbId);
        continue;
      }
      if (dbId !== undefined && this.read.has(dbId)) continue;
      if (!this.asked.codes.has(number)) reads.codes.push(number);
      const email = this.hrEmail.get(number);
      // Lower-cased and as HR wrote it (the same when HR writes lower case): one read each.
      if (email && !this.asked.emails.has(email)) reads.emails.push(email, this.hrEmailAsWritten.get(number)!);
    }
    return { dbIds: [...new Set(reads.dbIds)], codes: [...new Set(reads.codes)], emails: [...new Set(reads.emails)] };
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
