// Members section: users, user groups (companies), contacts and their folders, task subscriptions.
import type { ActionName } from '../../worksection/actions.js';
import type { ActionContext, ActionHandler } from '../handler.js';
import { ok } from '../handler.js';
import type { ContactGroupRec, GroupRec, UserRole } from '../model.js';
import { allocateId, insertUser, userByEmail } from '../records.js';
import { invalidEmail } from './errors.js';
import { findTask, requireUserActor, userOrFail } from './lookup.js';
import { isEmail, requireStr, str } from './params.js';
import { renderContact, renderUser } from './render.js';

const PRESET_CONTACT_GROUPS = ['USERS', 'DEFAULT', 'TEAM_ONLY', 'HIDDEN'] as const;
const ROLES: Record<string, UserRole> = { user: 'User', guest: 'Guest', reader: 'Reader' };

const sameTitle = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

function userGroup(g: GroupRec): Record<string, unknown> {
  return { id: String(g.id), title: g.title, type: 'company', client: g.client };
}

function contactFolder(g: ContactGroupRec): Record<string, unknown> {
  return { id: String(g.id), title: g.title, type: 'folder' };
}

/** "Creates ... if there are no teams with same name": an existing group of that title is answered as is. */
function ensureGroup(ctx: ActionContext, title: string, client: 0 | 1): GroupRec {
  const found = [...ctx.data.groups.values()].find((g) => sameTitle(g.title, title));
  if (found) return found;
  const g: GroupRec = { id: allocateId(ctx.data), title, client };
  ctx.data.groups.set(g.id, g);
  return g;
}

function ensureContactFolder(ctx: ActionContext, title: string): ContactGroupRec {
  const found = [...ctx.data.contactGroups.values()].find((g) => sameTitle(g.title, title));
  if (found) return found;
  const g: ContactGroupRec = { id: allocateId(ctx.data), title };
  ctx.data.contactGroups.set(g.id, g);
  return g;
}

function singleEmail(value: string): string {
  return isEmail(value) ? value : invalidEmail(value);
}

const handlers: Partial<Record<ActionName, ActionHandler>> = {
  me: (ctx) => ok({ data: renderUser(requireUserActor(ctx), false) }),

  get_users: (ctx) => ok({ data: [...ctx.data.users.values()].map((u) => renderUser(u)) }),

  add_user: (ctx) => {
    const email = singleEmail(requireStr(ctx.params, 'email'));
    const existing = userByEmail(ctx.data, email);
    if (existing) return ok({ data: renderUser(existing) });
    const owner = ctx.data.users.get(ctx.data.ownerId);
    // Without first/last name Worksection splits the address's local part ("kate.greenway" → kate greenway).
    const [local1 = email, local2 = ''] = email.split('@')[0]!.split(/[._-]/);
    const group = str(ctx.params, 'group');
    const user = insertUser(ctx.data, {
      id: allocateId(ctx.data),
      email,
      firstName: str(ctx.params, 'first_name') ?? local1,
      lastName: str(ctx.params, 'last_name') ?? local2,
      title: str(ctx.params, 'title') ?? '',
      rate: 0,
      avatar: `${ctx.data.accountUrl}/images/user/0f.gif`,
      group: group ? ensureGroup(ctx, group, 0).title : (owner?.group ?? ''),
      department: str(ctx.params, 'department') ?? '',
      role: ROLES[(str(ctx.params, 'role') ?? 'user').toLowerCase()] ?? 'User',
      phones: [],
      addresses: [],
    });
    return ok({ data: renderUser(user) });
  },

  get_user_groups: (ctx) => ok({ data: [...ctx.data.groups.values()].map(userGroup) }),

  add_user_group: (ctx) => {
    const title = requireStr(ctx.params, 'title');
    return ok({ data: userGroup(ensureGroup(ctx, title, str(ctx.params, 'client') === '1' ? 1 : 0)) });
  },

  get_contacts: (ctx) => ok({ data: [...ctx.data.contacts.values()].map(renderContact) }),

  add_contact: (ctx) => {
    const rawEmail = requireStr(ctx.params, 'email');
    const name = requireStr(ctx.params, 'name');
    const email = singleEmail(rawEmail);
    const existing = [...ctx.data.contacts.values()].find((c) => sameTitle(c.email, email));
    if (existing) return ok({ data: renderContact(existing) });
    const [firstName = name, ...rest] = name.split(/\s+/);
    const group = str(ctx.params, 'group');
    const contact = {
      id: allocateId(ctx.data),
      email,
      firstName,
      lastName: rest.join(' '),
      title: str(ctx.params, 'title') ?? '',
      group: group ? ensureContactFolder(ctx, group).title : 'DEFAULT',
      phones: ['phone', 'phone2', 'phone3', 'phone4'].map((k) => str(ctx.params, k) ?? ''),
      addresses: ['address', 'address2'].map((k) => str(ctx.params, k) ?? ''),
    };
    ctx.data.contacts.set(contact.id, contact);
    return ok({ data: renderContact(contact) });
  },

  get_contact_groups: (ctx) =>
    ok({
      data: [
        ...PRESET_CONTACT_GROUPS.map((title, i) => ({ id: i + 1, title, type: 'preset' })),
        ...[...ctx.data.contactGroups.values()].map(contactFolder),
      ],
    }),

  add_contact_group: (ctx) =>
    ok({ data: contactFolder(ensureContactFolder(ctx, requireStr(ctx.params, 'title'))) }),

  // email_user takes one address; a list is answered "Invalid email" with the whole value (Postman example).
  subscribe: (ctx) => {
    const task = findTask(ctx);
    const user = userOrFail(ctx.data, requireStr(ctx.params, 'email_user'));
    if (!task.subscriberIds.includes(user.id)) task.subscriberIds.push(user.id);
    return ok();
  },

  unsubscribe: (ctx) => {
    const task = findTask(ctx);
    const user = userOrFail(ctx.data, requireStr(ctx.params, 'email_user'));
    task.subscriberIds = task.subscriberIds.filter((id) => id !== user.id);
    return ok();
  },
};

export const memberHandlers = handlers;
