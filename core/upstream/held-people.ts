// The account's people list (get_users) as a check on other held answers. Worksection's activity log does
// not report a person renamed or given another email, so an answer showing people (a discussion's authors)
// is only as current as the people list it agrees with: while a recent list shows each of its persons
// with the same email and name, those parts are current too.
import { createHash } from 'node:crypto';

export interface HeldPeople {
  key: string;
  fetchedAt: number;
  /** Tells two lists apart: a check made against one list holds for another with the same digest. */
  digest: string;
  byId: ReadonlyMap<string, { email: string; name: string }>;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null;

/** A person as answers show one: id, email and name (a file has an id and a name, but no email). */
function personOf(v: Obj): { id: string; email: string; name: string } | undefined {
  const { id, email, name } = v;
  return typeof id === 'string' && typeof email === 'string' && typeof name === 'string'
    ? { id, email, name }
    : undefined;
}

/** The held get_users answer as a lookup; undefined when it is not shaped as one. */
export function peopleOf(key: string, fetchedAt: number, body: unknown): HeldPeople | undefined {
  const data = isObj(body) ? body.data : undefined;
  if (!Array.isArray(data)) return undefined;
  const byId = new Map<string, { email: string; name: string }>();
  for (const item of data) {
    const person = isObj(item) ? personOf(item) : undefined;
    if (person) byId.set(person.id, { email: person.email, name: person.name });
  }
  const people = [...byId].sort(([a], [b]) => a.localeCompare(b));
  const digest = createHash('sha256').update(JSON.stringify(people)).digest('hex');
  return { key, fetchedAt, digest, byId };
}

/** Whether every person `body` shows (at any depth) is in `held` with the same email and name. */
export function personsAsHeld(body: unknown, held: HeldPeople): boolean {
  const pending: unknown[] = [body];
  while (pending.length > 0) {
    const v = pending.pop();
    if (Array.isArray(v)) pending.push(...v);
    else if (isObj(v)) {
      const person = personOf(v);
      if (person) {
        const known = held.byId.get(person.id);
        if (!known || known.email !== person.email || known.name !== person.name) return false;
      }
      pending.push(...Object.values(v));
    }
  }
  return true;
}
