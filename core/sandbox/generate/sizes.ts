// How much of everything each account size has. `small` is the fixture for tests and the demo: a few
// projects with every kind of record; `large` is a busy agency's account for load and cache tests.

export interface SizeProfile {
  /** Users by role (the Owner is always one more). */
  admins: number;
  users: number;
  guests: number;
  readers: number;
  /** Own-team groups (DEPARTMENTS prefix) and client companies. */
  teamGroups: number;
  clientCompanies: number;
  contacts: number;
  contactFolders: number;
  projects: number;
  /** Target number of tasks of all depths, spread over the projects. */
  tasks: number;
  /** Mean comments per published task. */
  commentsPerTask: number;
  /** Share of tasks with time logged, and the mean entries of such a task. */
  costTaskShare: number;
  costsPerTask: number;
  /** Attachments: on task descriptions and on comments. */
  taskFiles: number;
  commentFiles: number;
  runningTimers: number;
  /** Share of eligible fresh tasks held back by delayed publication. */
  delayedShare: number;
  /** How far back the account's history goes, in days. */
  historyDays: number;
  /** Members of a project (besides its author and manager). */
  members: readonly [min: number, max: number];
  /** Extra (non-workflow) tag groups beyond the basic ones. */
  extraTagGroups: boolean;
}

export const SIZE_PROFILES = {
  small: {
    admins: 2,
    users: 5,
    guests: 1,
    readers: 1,
    teamGroups: 3,
    clientCompanies: 2,
    contacts: 8,
    contactFolders: 2,
    projects: 5,
    tasks: 300,
    commentsPerTask: 2,
    costTaskShare: 0.4,
    costsPerTask: 2,
    taskFiles: 16,
    commentFiles: 24,
    runningTimers: 3,
    delayedShare: 0.15,
    historyDays: 240,
    members: [3, 6],
    extraTagGroups: false,
  },
  large: {
    admins: 5,
    users: 124,
    guests: 12,
    readers: 8,
    teamGroups: 8,
    clientCompanies: 30,
    contacts: 400,
    contactFolders: 6,
    projects: 200,
    tasks: 100_000,
    commentsPerTask: 3,
    costTaskShare: 0.3,
    costsPerTask: 2,
    taskFiles: 800,
    commentFiles: 1200,
    runningTimers: 12,
    delayedShare: 0.02,
    historyDays: 3 * 365,
    members: [4, 14],
    extraTagGroups: true,
  },
} as const satisfies Record<string, SizeProfile>;
