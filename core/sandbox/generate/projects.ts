// Project folders and projects: status, manager (or none), dates, limits, options, members and tags.
import type { ProjectRec, ProjectStatus, UserRec } from '../model.js';
import type { ProjectOptions } from '../../worksection/schemas/projects.js';
import { MANAGER_NOT_ASSIGNED } from '../model.js';
import { PROJECT_OPTION_KEYS } from '../../worksection/schemas/projects.js';
import { allocateId, insertProject } from '../records.js';
import type { GenContext, People } from './context.js';
import { STREAM } from './context.js';
import type { Rng } from './random.js';
import type { Tags } from './tags.js';
import { tagId } from './tags.js';
import { DAY, between, ymd } from './time.js';
import type { Theme } from './words-work.js';
import { PROJECT_SUFFIXES, THEMES } from './words-work.js';

export interface ProjectPlan {
  rec: ProjectRec;
  theme: Theme;
  /** Members who author, take and log work (not guests or readers). */
  crew: UserRec[];
  /** Work happens until this instant: now for open projects, the closing time for archived ones. */
  activeUntil: number;
  /** The fixture project of the small account, which has one of everything. */
  showcase: boolean;
}

const EXCLUSIVE_OPTIONS = ['time_require', 'time_today', 'timer_only'] as const;

function options(rng: Rng): ProjectOptions {
  const opts = {} as ProjectOptions;
  for (const key of PROJECT_OPTION_KEYS) opts[key] = rng.chance(0.3) ? 1 : 0;
  // Worksection refuses more than one of these at once (error 11), so no stored project has two.
  const keep = rng.chance(0.5) ? rng.pick(EXCLUSIVE_OPTIONS) : undefined;
  for (const key of EXCLUSIVE_OPTIONS) if (key !== keep) opts[key] = 0;
  return opts;
}

function statuses(ctx: GenContext, rng: Rng): ProjectStatus[] {
  if (ctx.small) return ['active', 'active', 'active', 'pending', 'archive'];
  return Array.from({ length: ctx.profile.projects }, (_, i): ProjectStatus => {
    if (i === 0) return 'active';
    const r = rng.next();
    return r < 0.75 ? 'active' : r < 0.85 ? 'pending' : 'archive';
  });
}

export function generateProjects(ctx: GenContext, people: People, tags: Tags): ProjectPlan[] {
  const { data, nowMin, profile } = ctx;
  const rng = ctx.rng.derive(STREAM.projects);
  const clientTitles = [...data.groups.values()].filter((g) => g.client === 1).map((g) => g.title);
  const usedNames = new Set<string>();
  const plans: ProjectPlan[] = [];

  statuses(ctx, rng).forEach((status, i) => {
    const showcase = i === 0;
    const theme = showcase
      ? THEMES[0]!
      : ctx.small
        ? THEMES[1 + ((i * 3) % (THEMES.length - 1))]!
        : rng.pick(THEMES);
    const base = showcase ? theme.projects[0]! : rng.pick(theme.projects);
    let name = theme.client && !showcase && rng.chance(0.6) ? `${rng.pick(clientTitles)}: ${base}` : base;
    for (let n = 2; usedNames.has(name); n++)
      name = n < 6 ? base + rng.pick(PROJECT_SUFFIXES) : `${base} #${n}`;
    usedNames.add(name);

    const history = profile.historyDays;
    const added =
      status === 'pending'
        ? nowMin - rng.int(3, ctx.small ? 25 : 60) * DAY
        : status === 'archive'
          ? nowMin - rng.int(Math.min(120, history - 60), history) * DAY
          : showcase
            ? nowMin - 75 * DAY
            : nowMin - rng.int(14, history) * DAY;
    const dateAdded = between(rng, added - 3 * DAY, added);
    // Archived projects closed over a month ago, except one that closed recently and shows in events.
    const recentClose = status === 'archive' && (ctx.small || rng.chance(0.05));
    const activeUntil =
      status !== 'archive'
        ? nowMin
        : recentClose
          ? nowMin - rng.int(3, 20) * DAY
          : Math.min(dateAdded + rng.int(40, 200) * DAY, nowMin - 35 * DAY);

    const author = rng.pick(people.managers);
    const noManager = ctx.small ? i === 2 : !showcase && rng.chance(0.08);
    const manager = noManager ? undefined : rng.pick(people.managers);
    const crew = [author];
    if (manager && manager !== author) crew.push(manager);
    for (const u of rng.sample(people.staff, rng.int(...profile.members)))
      if (!crew.includes(u)) crew.push(u);
    const invited = ctx.small
      ? i < 2
        ? [people.outsiders[i]!]
        : []
      : rng.chance(0.25)
        ? [rng.pick(people.outsiders)]
        : [];

    const start = dateAdded + rng.int(0, 7) * DAY;
    const tagIds = [];
    if (showcase || rng.chance(0.7)) {
      const statusTag =
        status === 'active'
          ? 'In progress'
          : status === 'pending'
            ? rng.pick(['Backlog', 'Paused'])
            : rng.pick(['Completed', 'Canceled']);
      tagIds.push(tagId(tags.project, 'Project status', statusTag));
    }
    if (showcase || rng.chance(0.4))
      tagIds.push(tagId(tags.project, 'Common labels', theme.client ? 'client' : 'internal'));

    const rec: ProjectRec = {
      id: 0,
      name,
      status,
      company: theme.folder,
      userFromId: author.id,
      userToId: manager?.id ?? MANAGER_NOT_ASSIGNED,
      text: showcase || rng.chance(0.8) ? rng.pick(theme.descriptions) : '',
      dateAdded,
      options: options(rng),
      tagIds,
      memberIds: [...crew, ...invited].map((u) => u.id),
    };
    if (showcase || rng.chance(0.75)) rec.dateStart = ymd(start);
    if (showcase || rng.chance(0.6)) {
      rec.dateEnd = ymd(status === 'archive' ? activeUntil : start + rng.int(30, 200) * DAY);
    }
    if (showcase || rng.chance(0.5)) rec.maxTime = rng.int(10, 200) * 10;
    if (showcase || rng.chance(0.4)) rec.maxMoney = rng.int(10, 500) * 100;
    plans.push({ rec, theme, crew, activeUntil, showcase });
  });

  for (const folder of new Set(plans.map((p) => p.theme.folder))) {
    const id = allocateId(data);
    data.folders.set(id, { id, title: folder });
  }
  // Ids follow creation time, as in a real account; the fixture project still comes first in `plans`.
  for (const plan of [...plans].sort((a, b) => a.rec.dateAdded - b.rec.dateAdded)) {
    plan.rec.id = allocateId(data);
    insertProject(data, plan.rec);
  }
  return plans;
}
