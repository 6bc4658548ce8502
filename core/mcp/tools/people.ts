// People toolset: who "me" is, the account's users, contacts, and the groups they and projects sit in.
// Worksection has no user search, so lists are fetched whole and filtered here.
import { z } from 'zod';
import { defineTool, type AnyTool } from './kit/define-tool.js';
import { pageMetaShape, pagingInput, paginate, queryKey } from './kit/paging.js';
import {
  contactOf,
  contactShape,
  GROUP_KINDS,
  groupShape,
  userOf,
  userShape,
  type GroupInfo,
} from './shapes/user.js';

const norm = (s: string | undefined) => (s ?? '').trim().toLowerCase();
const contains = (hay: (string | undefined)[], needle: string) => hay.some((h) => norm(h).includes(needle));

const getMe = defineTool({
  name: 'get_me',
  title: 'Who am I',
  toolset: 'people',
  effect: 'read',
  description:
    'Says who "me" is on this connection (the signed-in user, or the configured user with an admin key), ' +
    'with role, company and department, and which kind of connection it is.',
  input: z.object({}),
  output: z.object({
    user: userShape,
    auth_mode: z
      .enum(['oauth', 'admin'])
      .describe('oauth = a personal sign-in; admin = the account\'s admin API key acting for "me".'),
  }),
  async handle(_args, ctx) {
    // "me" is resolved once per account and holds the whole record: no upstream request after the first.
    const me = await ctx.me();
    return { user: userOf(me.profile), auth_mode: ctx.authMode };
  },
});

const listUsers = defineTool({
  name: 'list_users',
  title: 'List users',
  toolset: 'people',
  effect: 'read',
  description:
    "Lists the account's users (team members and client users) with email, title, role and company. " +
    'Filter by a search text (name, email or title), company (user group) or role. Emails and ids from ' +
    'here are what person arguments of other tools take.',
  input: z.object({
    search: z.string().min(1).optional().describe('Part of a name, email or job title (any case).'),
    company: z
      .string()
      .min(1)
      .optional()
      .describe('Only users of this company / user group (exact title, any case).'),
    role: z
      .string()
      .min(1)
      .optional()
      .describe('Only users with this role: Owner, Account admin, User, Guest, Reader (any case).'),
    ...pagingInput,
  }),
  output: z.object({ items: z.array(userShape), ...pageMetaShape }),
  async handle(args, ctx) {
    const needle = norm(args.search);
    const users = (await ctx.ws.call('get_users')).data.filter(
      (u) =>
        (!needle || contains([u.name, u.email, u.title], needle)) &&
        (args.company === undefined || norm(u.group) === norm(args.company)) &&
        (args.role === undefined || norm(u.role) === norm(args.role)),
    );
    return paginate(users.map(userOf), {
      limit: args.limit,
      cursor: args.cursor,
      key: queryKey('list_users', args),
      limits: ctx.limits,
      narrowHint: 'narrow with search, company or role',
    });
  },
});

const listContacts = defineTool({
  name: 'list_contacts',
  title: 'List contacts',
  toolset: 'people',
  effect: 'read',
  description:
    "Lists the account's contacts (people outside the team: clients, suppliers) with emails, phones and " +
    'addresses. Filter by folder or a search text. Contacts are not users: they cannot be assigned tasks.',
  input: z.object({
    search: z.string().min(1).optional().describe('Part of a name, email, title or phone (any case).'),
    folder: z.string().min(1).optional().describe('Only contacts in this folder (exact title, any case).'),
    ...pagingInput,
  }),
  output: z.object({ items: z.array(contactShape), ...pageMetaShape }),
  async handle(args, ctx) {
    const needle = norm(args.search);
    const contacts = (await ctx.ws.call('get_contacts')).data.filter(
      (c) =>
        (!needle || contains([c.name, c.email, c.title, c.phone, c.phone2, c.phone3, c.phone4], needle)) &&
        (args.folder === undefined || norm(c.group) === norm(args.folder)),
    );
    return paginate(contacts.map(contactOf), {
      limit: args.limit,
      cursor: args.cursor,
      key: queryKey('list_contacts', args),
      limits: ctx.limits,
      narrowHint: 'narrow with search or folder',
    });
  },
});

const listGroups = defineTool({
  name: 'list_groups',
  title: 'List groups and folders',
  toolset: 'people',
  effect: 'read',
  description:
    'Lists companies (user groups: the own team and client companies), contact folders and project ' +
    'folders. Use the titles as `company` in list_users, `folder` in list_contacts and list_projects.',
  input: z.object({
    kind: z
      .enum(GROUP_KINDS)
      .optional()
      .describe('Only this kind: company, contact_folder or project_folder (default: all three).'),
    ...pagingInput,
  }),
  output: z.object({ items: z.array(groupShape), ...pageMetaShape }),
  async handle(args, ctx) {
    const want = (k: GroupInfo['kind']) => args.kind === undefined || args.kind === k;
    const [companies, contactGroups, projectGroups] = await Promise.all([
      want('company') ? ctx.ws.call('get_user_groups') : undefined,
      want('contact_folder') ? ctx.ws.call('get_contact_groups') : undefined,
      want('project_folder') ? ctx.ws.call('get_project_groups') : undefined,
    ]);
    const items: GroupInfo[] = [
      ...(companies?.data ?? []).map((g) => ({
        id: g.id,
        title: g.title,
        kind: 'company' as const,
        client: g.client === 1,
      })),
      ...(contactGroups?.data ?? []).map((g) => ({
        id: String(g.id),
        title: g.title,
        kind: 'contact_folder' as const,
        built_in: g.type === 'preset',
      })),
      // get_project_groups repeats the companies; only its folders are project folders.
      ...(projectGroups?.data ?? []).flatMap((g) =>
        g.type === 'folder' ? [{ id: g.id, title: g.title, kind: 'project_folder' as const }] : [],
      ),
    ];
    return paginate(items, {
      limit: args.limit,
      cursor: args.cursor,
      key: queryKey('list_groups', args),
      limits: ctx.limits,
      narrowHint: 'narrow with kind',
    });
  },
});

export const peopleTools: AnyTool[] = [getMe, listUsers, listContacts, listGroups];
