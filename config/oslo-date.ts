/** Today's date in Norway as 'YYYY-MM-DD' (positions are "current" by the company's calendar, not UTC's). */
export function osloToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
