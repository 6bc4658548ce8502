// Users, contacts and groups as agents read them: names, emails and roles first; phones and addresses only
// when set (Worksection omits empty ones too), the avatar URL never (a model cannot use it).
import { z } from 'zod';
import type { Contact, User } from '../../../worksection/schemas.js';

export const userShape = z.object({
  id: z.string().describe('User id.'),
  name: z.string(),
  email: z.string(),
  title: z.string().describe('Job title ("" when not set).'),
  role: z.string().describe('Owner, Account admin, User, Guest or Reader (and the other admin kinds).'),
  company: z.string().describe('The user group (company) the user belongs to.'),
  department: z.string(),
  hourly_rate: z.number().optional().describe('Hourly rate used for money on timed entries, when known.'),
  phones: z.array(z.string()).optional(),
});
export type UserInfo = z.infer<typeof userShape>;

const present = (values: (string | undefined)[]): string[] =>
  values.filter((v): v is string => v !== undefined && v !== '');

export function userOf(u: Omit<User, 'rate'> & { rate?: number }): UserInfo {
  const out: UserInfo = {
    id: u.id,
    name: u.name,
    email: u.email,
    title: u.title,
    role: u.role,
    company: u.group,
    department: u.department,
  };
  if (u.rate !== undefined) out.hourly_rate = u.rate;
  const phones = present([u.phone, u.phone2, u.phone3, u.phone4]);
  if (phones.length > 0) out.phones = phones;
  return out;
}

export const contactShape = z.object({
  id: z.string().describe('Contact id.'),
  name: z.string(),
  email: z.string().optional(),
  title: z.string(),
  folder: z.string().describe('Contact folder title; "DEFAULT" when the contact is in no folder.'),
  phones: z.array(z.string()).optional(),
  addresses: z.array(z.string()).optional(),
});
export type ContactInfo = z.infer<typeof contactShape>;

export function contactOf(c: Contact): ContactInfo {
  const out: ContactInfo = { id: c.id, name: c.name, title: c.title, folder: c.group };
  if (c.email !== undefined) out.email = c.email;
  const phones = present([c.phone, c.phone2, c.phone3, c.phone4]);
  if (phones.length > 0) out.phones = phones;
  const addresses = present([c.address, c.address2]);
  if (addresses.length > 0) out.addresses = addresses;
  return out;
}

export const GROUP_KINDS = ['company', 'contact_folder', 'project_folder'] as const;

export const groupShape = z.object({
  id: z.string().describe('Group or folder id.'),
  title: z.string(),
  kind: z
    .enum(GROUP_KINDS)
    .describe(
      'company = a user group (own team or a client company); contact_folder / project_folder = a folder.',
    ),
  client: z
    .boolean()
    .optional()
    .describe('Companies only: true for a client company, false for the own team.'),
  project_count: z.number().int().optional(),
  built_in: z
    .boolean()
    .optional()
    .describe(
      "Contact folders only: true for Worksection's preset groups (USERS, DEFAULT, TEAM_ONLY, HIDDEN).",
    ),
});
export type GroupInfo = z.infer<typeof groupShape>;
