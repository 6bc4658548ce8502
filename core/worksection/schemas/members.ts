// Users, contacts and their groups.
import { z } from 'zod';
import { emailSchema, intIdSchema, wsIdSchema } from './primitives.js';

/**
 * The user embedded in other objects (user_from, user_to, users[], subscribers[]). The placeholder users
 * carry "NOONE" or "ANY" instead of an address.
 */
export const userRefSchema = z.strictObject({
  id: wsIdSchema,
  email: z.union([emailSchema, z.literal('NOONE'), z.literal('ANY')]),
  name: z.string(),
});

// Phones and addresses are omitted when empty, on users and contacts alike.
const contactDetails = {
  phone: z.string().optional(),
  phone2: z.string().optional(),
  phone3: z.string().optional(),
  phone4: z.string().optional(),
  address: z.string().optional(),
  address2: z.string().optional(),
};

/** Seen: Owner, Account admin, User; the rest follow the SDK's role enum in the same capitalisation. */
const userRoleSchema = z.enum([
  'Owner',
  'Account admin',
  'Team admin',
  'Department admin',
  'User',
  'Guest',
  'Reader',
]);

/** A get_users / add_user item. */
export const userSchema = z.strictObject({
  id: wsIdSchema,
  first_name: z.string(),
  last_name: z.string(),
  name: z.string(),
  title: z.string(),
  rate: z.number(),
  avatar: z.url(),
  /** The user's company (user group) title. */
  group: z.string(),
  department: z.string(),
  role: userRoleSchema,
  email: emailSchema,
  ...contactDetails,
});

/** `me` answers the user without `rate`. */
export const meSchema = userSchema.omit({ rate: true });

export const contactSchema = z.strictObject({
  id: wsIdSchema,
  first_name: z.string(),
  last_name: z.string(),
  name: z.string(),
  title: z.string(),
  /** Contact folder title, "DEFAULT" when ungrouped. */
  group: z.string(),
  // A contact may have only a phone (get_contacts example "Steve Powerhold").
  email: emailSchema.optional(),
  ...contactDetails,
});

/** A user group ("company"); client is 1 for a client company, 0 for the own team. */
export const userGroupSchema = z.strictObject({
  id: wsIdSchema,
  title: z.string(),
  type: z.literal('company'),
  client: z.union([z.literal(0), z.literal(1)]),
});

/** A project or contact folder. */
export const folderSchema = z.strictObject({
  id: wsIdSchema,
  title: z.string(),
  type: z.literal('folder'),
});

/** get_project_groups lists folders and the user groups (companies). */
export const projectGroupSchema = z.discriminatedUnion('type', [folderSchema, userGroupSchema]);

/** Worksection's four built-in contact groups, the only groups with int ids. */
const presetContactGroupSchema = z.strictObject({
  id: intIdSchema.min(1).max(4),
  title: z.enum(['USERS', 'DEFAULT', 'TEAM_ONLY', 'HIDDEN']),
  type: z.literal('preset'),
});

export const contactGroupSchema = z.discriminatedUnion('type', [presetContactGroupSchema, folderSchema]);

export type UserRef = z.infer<typeof userRefSchema>;
export type User = z.infer<typeof userSchema>;
export type Me = z.infer<typeof meSchema>;
export type Contact = z.infer<typeof contactSchema>;
