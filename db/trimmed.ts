/**
 * A text column without leading and trailing white space, in SQL: what JavaScript's `trim()` does for the ASCII kinds
 * (space, tab, line breaks), so a lookup by trimmed key finds what matching, which trims, would match.
 */
export const trimmedSql = (column: string): string => `regexp_replace(${column}, '^\\s+|\\s+$', '', 'g')`;
