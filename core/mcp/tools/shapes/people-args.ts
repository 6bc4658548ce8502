// Person arguments ("me", an email, a user id; a unique name is accepted too) resolved to account users.
// "me" goes through ctx.me(), which works in both auth modes; everything else is looked up in get_users,
// fetched at most once per resolver (one resolver per tool call).
import type { User } from '../../../worksection/schemas.js';
import type { Me, ToolContext } from '../kit/context.js';
import { ToolError } from '../kit/errors.js';
import { quoted } from '../kit/quote.js';

export type ResolvedPerson = Pick<Me, 'id' | 'email' | 'name'>;

export interface PeopleResolver {
  resolve(arg: string): Promise<ResolvedPerson>;
  /** All account users (fetched once). */
  users(): Promise<User[]>;
}

const norm = (s: string) => s.trim().toLowerCase();

export function createPeopleResolver(ctx: ToolContext): PeopleResolver {
  let users: Promise<User[]> | undefined;
  const load = () => (users ??= ctx.ws.call('get_users').then((r) => r.data));
  return {
    users: load,
    async resolve(arg) {
      const wanted = norm(arg);
      if (wanted === 'me') return ctx.me();
      const all = await load();
      const found = findUser(all, wanted);
      if (found.length === 1 && found[0]) {
        const u = found[0];
        return { id: u.id, email: u.email, name: u.name };
      }
      if (found.length > 1) {
        const names = found.map((u) => `${u.name} <${u.email}>`).join(', ');
        throw new ToolError(
          `${quoted(arg)} matches several users: ${names}.`,
          'Pass the email of the one you mean.',
        );
      }
      throw new ToolError(
        `No user of this account matches ${quoted(arg)}.`,
        'Pass an email, a user id or "me"; list_users shows the account\'s users.',
      );
    },
  };
}

function findUser(all: User[], wanted: string): User[] {
  if (/^\d+$/.test(wanted)) return all.filter((u) => u.id === wanted);
  if (wanted.includes('@')) return all.filter((u) => norm(u.email) === wanted);
  // A name is a convenience: exact full name first, then a unique first or last name.
  const full = all.filter((u) => norm(u.name) === wanted);
  if (full.length > 0) return full;
  return all.filter((u) => norm(u.first_name) === wanted || norm(u.last_name) === wanted);
}

/** Resolve one person argument (a fresh resolver; use createPeopleResolver for several). */
export function resolvePerson(ctx: ToolContext, arg: string): Promise<ResolvedPerson> {
  return createPeopleResolver(ctx).resolve(arg);
}
