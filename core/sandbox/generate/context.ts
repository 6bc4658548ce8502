// State shared by the generator's parts while one account is being built.
import type { SandboxData, UserRec } from '../model.js';
import type { Rng } from './random.js';
import type { SizeProfile } from './sizes.js';

export interface GenContext {
  data: SandboxData;
  profile: SizeProfile;
  /** Whether this is the small fixture account, which guarantees every kind of record. */
  small: boolean;
  /** The clock at generation; nowMin is it rounded down to a whole minute, the latest generated instant. */
  now: number;
  nowMin: number;
  /** Root stream; each part draws from its own derived stream (Rng.derive) to stay stable. */
  rng: Rng;
  /** Mail domain of the own team, e.g. 'brightline.example'. */
  domain: string;
}

export interface People {
  owner: UserRec;
  /** Owner, account admins and users: the people who manage, do and log work. */
  staff: UserRec[];
  /** Owner and account admins plus the management group: who creates and manages projects. */
  managers: UserRec[];
  /** Guests and readers (client-side people), invited to a few projects. */
  outsiders: UserRec[];
}

/** Who a user ref on the wire shows for a user id, including Worksection's placeholder users. */
export interface UserRefWire {
  id: string;
  email: string;
  name: string;
}

/** Labels for Rng.derive: one independent stream per part of the generator. */
export const STREAM = {
  people: 1,
  tags: 2,
  projects: 3,
  tasks: 4,
  relations: 5,
  comments: 6,
  files: 7,
  costs: 8,
  timers: 9,
  events: 10,
  webhooks: 11,
} as const;
