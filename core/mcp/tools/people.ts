// People toolset: who "me" is, the account's users, contacts, and the groups they and projects sit in.
// Worksection has no user search, so lists are fetched whole and filtered here.
import { z } from 'zod';
import { defineTool, type AnyTool } from './kit/define-tool.js';
import { pageMetaShape, pagingInput, paginate, queryKey } from './kit/paging.js';
import { noteFetched } from '../../upstream/upstream.js';
import { weekdayName } from './kit/dates.js';
import { checkConnection, connectionShape } from './connection-health.js';
import { ToolError } from './kit/errors.js';
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
  description: 'Who "me" is, the connection kind, today and the time zone; check=true tests the connection.',
  input: z.object({
    check: z.boolean().optional().describe('true = test the connection now.'),
  }),
  output: z.object({
    user: userShape.nullable().describe('null only when check=true and "me" cannot be resolved.'),
    me_problem: z.string().optional(),
    auth_mode: z
      .enum(['oauth', 'admin'])
      .describe('oauth = a personal sign-in; admin = the account\'s admin API key acting for "me".'),
    today: z.string().describe("Today's date in the account's time zone."),
    weekday: z.string(),
    time_zone: z.string(),
    connection: connectionShape.optional(),
  }),
  async handle(args, ctx) {
    const today = ctx.today();
    const when = { today, weekday: weekdayName(today), time_zone: ctx.timeZone };
    if (args.check === true) {
      const health = await checkConnection(ctx);
      return {
        user: health.me ? userOf(health.me.profile) : null,
        ...(health.meProblem === undefined ? {} : { me_problem: health.meProblem }),
        auth_mode: ctx.authMode,
        ...when,
        connection: health.connection,
      };
    }
    // "me" is resolved once per account and holds the whole record: no upstream request after the first.
    const me = await ctx.me();
    noteFetched(ctx.stats, me.fetchedAt);
    return { user: userOf(me.profile), auth_mode: ctx.authMode, ...when };
  },
});

// Users and contacts are one tool: both answer "who is X, what is their email or phone"; contacts (clients,
// suppliers) are never assignable, which their rows' shape and the `contacts` flag make plain.
const listUsers = defineTool({
  name: 'list_users',
  title: 'List users or contacts',
  toolset: 'people',
  effect: 'read',
  description:
    "The account's users (email, title, role, company), or its contacts (clients, suppliers: never " +
    'assignable; phones, addresses).',
  input: z.object({
    contacts: z.boolean().optional().describe('true = contacts instead of users.'),
    search: z.string().min(1).optional().describe("Part of a name, email, title (or a contact's phone)."),
    company: z.string().min(1).optional().describe('Users of this company.'),
    role: z.string().min(1).optional().describe('Owner, Account admin, User, Guest or Reader.'),
    folder: z.string().min(1).optional().describe('Contacts in this folder.'),
    ...pagingInput,
  }),
  output: z.object({ items: z.array(z.union([userShape, contactShape])), ...pageMetaShape }),
  async handle(args, ctx) {
    const needle = norm(args.search);
    const page = {
      limit: args.limit,
      cursor: args.cursor,
      key: queryKey('list_users', args),
      limits: ctx.limits,
    };
    if (args.contacts === true) {
      if (args.company !== undefined || args.role !== undefined) {
        throw new ToolError('Contacts have no company or role.', 'Narrow contacts with search or folder.');
      }
      const contacts = (await ctx.ws.call('get_contacts')).data.filter(
        (c) =>
          (!needle || contains([c.name, c.email, c.title, c.phone, c.phone2, c.phone3, c.phone4], needle)) &&
          (args.folder === undefined || norm(c.group) === norm(args.folder)),
      );
      return paginate(contacts.map(contactOf), { ...page, narrowHint: 'narrow with search or folder' });
    }
    if (args.folder !== undefined) {
      throw new ToolError(
        'Folders group contacts, not users.',
        'Add contacts=true, or use company for users.',
      );
    }
    const users = (await ctx.ws.call('get_users')).data.filter(
      (u) =>
        (!needle || contains([u.name, u.email, u.title], needle)) &&
        (args.company === undefined || norm(u.group) === norm(args.company)) &&
        (args.role === undefined || norm(u.role) === norm(args.role)),
    );
    return paginate(users.map(userOf), { ...page, narrowHint: 'narrow with search, company or role' });
  },
});

const listGroups = defineTool({
  name: 'list_groups',
  title: 'List groups and folders',
  toolset: 'people',
  effect: 'read',
  description: 'Companies (user groups), contact folders and project folders (with project counts).',
  input: z.object({
    kind: z.enum(GROUP_KINDS).optional().describe('This kind only.'),
    ...pagingInput,
  }),
  output: z.object({ items: z.array(groupShape), ...pageMetaShape }),
  async handle(args, ctx) {
    const want = (k: GroupInfo['kind']) => args.kind === undefined || args.kind === k;
    const [companies, contactGroups, projectGroups, projects] = await Promise.all([
      want('company') ? ctx.ws.call('get_user_groups') : undefined,
      want('contact_folder') ? ctx.ws.call('get_contact_groups') : undefined,
      want('project_folder') ? ctx.ws.call('get_project_groups') : undefined,
      want('project_folder') ? ctx.ws.call('get_projects') : undefined,
    ]);
    // A project's folder is its `company` field (projects.ts filters by it the same way).
    const inFolder = (title: string) =>
      (projects?.data ?? []).filter((p) => norm(p.company) === norm(title)).length;
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
        g.type === 'folder'
          ? [{ id: g.id, title: g.title, kind: 'project_folder' as const, project_count: inFolder(g.title) }]
          : [],
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

export const peopleTools: AnyTool[] = [getMe, listUsers, listGroups];
