// completion/complete for the prompts' arguments: what the user types in a prompt's form completes from the
// account. A project argument completes from project names (or ids) to "<id> <name>", which the prompt
// reads by its leading id, so the user sees which project they picked; a person argument completes from
// names and emails to the email, a form every person argument takes, and "me". Dates and numbers have no
// list to offer. Users and projects come through the response cache, like any tool's reads.
import type { ToolContext } from './tools/kit/context.js';

type Kind = 'project' | 'person';

/** The prompt arguments that name a project or a person (the same names in every prompt). */
const ARGUMENT_KINDS: Record<string, Kind> = { project_id: 'project', user: 'person' };

interface Candidate {
  value: string;
  /** What the typed text is matched against, lower-cased. */
  keys: string[];
}

async function candidates(kind: Kind, ctx: ToolContext): Promise<Candidate[]> {
  if (kind === 'project') {
    const { data } = await ctx.ws.call('get_projects');
    return data.map((p) => ({ value: `${p.id} ${p.name}`, keys: [p.id, p.name.toLowerCase()] }));
  }
  const { data } = await ctx.ws.call('get_users');
  return [
    { value: 'me', keys: ['me'] },
    ...data.map((u) => ({ value: u.email, keys: [u.name.toLowerCase(), u.email.toLowerCase()] })),
  ];
}

/** Values for what was typed: those a key starts with first, then those a key contains. */
export async function completeArgument(argument: string, typed: string, ctx: ToolContext): Promise<string[]> {
  const kind = ARGUMENT_KINDS[argument];
  if (kind === undefined) return [];
  const all = await candidates(kind, ctx);
  const needle = typed.trim().toLowerCase();
  if (needle === '') return all.map((c) => c.value);
  const starts = all.filter((c) => c.keys.some((k) => k.startsWith(needle)));
  const contains = all.filter((c) => !starts.includes(c) && c.keys.some((k) => k.includes(needle)));
  return [...starts, ...contains].map((c) => c.value);
}
