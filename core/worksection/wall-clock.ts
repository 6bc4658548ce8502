// Wall clocks of IANA time zones: what time an instant is for the account's people. Worksection stamps
// and reads dates on the account's wall clock; the tools ("today") and the response cache (the activity
// log's minutes) both read it here.

// Formatters are costly to build and a zone never changes its rules within a run.
const formatters = new Map<string, Intl.DateTimeFormat>();
export function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock of an instant in a zone, as epoch ms of the same wall time read as UTC. */
export function wallMs(instantMs: number, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instantMs)) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  const ms = ((instantMs % 1000) + 1000) % 1000;
  return Date.UTC(
    p.year ?? 1970,
    (p.month ?? 1) - 1,
    p.day ?? 1,
    p.hour ?? 0,
    p.minute ?? 0,
    p.second ?? 0,
    ms,
  );
}
