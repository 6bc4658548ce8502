// The people, tag groups and projects of the actions' test fixture, rebuilt from the Postman collection's
// example records (same ids, names and emails). fixture-work.ts adds the tasks and what hangs off them.
import type { Id, SandboxData, TagGroupRec, TagScope, UserRec } from '../model.js';
import type { ProjectOptions } from '../../worksection/schemas/projects.js';
import { MANAGER_NOT_ASSIGNED } from '../model.js';
import { PROJECT_OPTION_KEYS } from '../../worksection/schemas/projects.js';
import { insertProject, insertUser } from '../records.js';

/** The fixture's clock: 2021-01-11 12:00 UTC. */
export const NOW = Date.UTC(2021, 0, 11, 12, 0);
export const HENRY = 3993;
export const FRANK = 5514;
export const KATE = 5686;

/** "YYYY-MM-DD HH:MM" (UTC) → epoch ms. */
export const at = (s: string): number => Date.parse(`${s.replace(' ', 'T')}:00Z`);

export const ACC = 'https://acc1234.worksection.com';

function options(on: string[]): ProjectOptions {
  return Object.fromEntries(PROJECT_OPTION_KEYS.map((k) => [k, on.includes(k) ? 1 : 0])) as ProjectOptions;
}

function user(id: Id, first: string, last: string, extra: Partial<UserRec>): UserRec {
  return {
    id,
    email: `${first}.${last}@ws.com`.toLowerCase(),
    firstName: first,
    lastName: last,
    title: '',
    rate: 11,
    avatar: `${ACC}/images/user/0m.gif`,
    group: 'Development',
    department: '',
    role: 'User',
    phones: [],
    addresses: [],
    ...extra,
  };
}

function people(data: SandboxData): void {
  insertUser(
    data,
    user(HENRY, 'Henry', 'Gardner', {
      title: 'developer',
      rate: 25,
      avatar: `${ACC}/images/user/246965/3993_2001.jpg`,
      department: 'Dev team',
      role: 'Owner',
      phones: ['+15852827023', '4 4950 234 45 90', '1 (049) 143 235 08', '5989 243 88 1'],
      addresses: [
        'Apt. 902 853 Simona Common, Pollybury, SC 98466-2410',
        'Suite 329 958 Lashell Branch, Mayertview, SC 07180',
      ],
    }),
  );
  insertUser(
    data,
    user(FRANK, 'Frank', 'Harper', {
      title: 'QA specialist',
      department: 'Test team',
      role: 'Account admin',
    }),
  );
  insertUser(data, user(KATE, 'Kate', 'Greenway', { avatar: `${ACC}/images/user/0f.gif` }));
  data.ownerId = HENRY;
  for (const [id, title, client] of [
    [2977, 'Development', 0],
    [4186, 'Singing bird', 1],
  ] as const)
    data.groups.set(id, { id, title, client });
  data.folders.set(4302, { id: 4302, title: 'Design' });
  data.contactGroups.set(4178, { id: 4178, title: 'Clients' });
  const contact = (
    id: Id,
    first: string,
    last: string,
    rest: Partial<Parameters<typeof data.contacts.set>[1]>,
  ) =>
    data.contacts.set(id, {
      id,
      email: '',
      firstName: first,
      lastName: last,
      title: '',
      group: 'DEFAULT',
      phones: [],
      addresses: [],
      ...rest,
    });
  contact(5606, 'Brian', 'Dragonfly', {
    email: 'brian.dragonfly@gmail.com',
    title: 'manager',
    group: 'Clients',
    phones: ['1 345 234 23 67', '486 09 77', '(8984) 345 65 02', '389 87 35'],
    addresses: [
      'Apt. 406 855 Renner Trail, Rowemouth, IN 42165',
      '59064 Robby Prairie, North Abel, NE 93368',
    ],
  });
  contact(5614, 'Steve', 'Powerhold', { group: 'Contractors', phones: ['1265 458 32 12'] });
  contact(5658, 'Mike', 'Shaw', { email: 'mike.shaw@gmail.com' });
}

function tags(data: SandboxData): void {
  // id, scope, title, type, access, id_group, then "tagId title; tagId title".
  const group = (
    id: Id,
    scope: TagScope,
    title: string,
    type: TagGroupRec['type'],
    access: TagGroupRec['access'],
    idGroup: string,
    list = '',
  ) => {
    data.tagGroups.set(id, { id, scope, title, type, access, idGroup });
    for (const item of list.split('; ').filter(Boolean)) {
      const [tid, ...name] = item.split(' ');
      data.tags.set(Number(tid), { id: Number(tid), groupId: id, title: name.join(' ') });
    }
  };
  group(
    100,
    'task',
    'Basic workflow',
    'status',
    'public',
    '1',
    '72565 To-do; 72569 In progress; 72573 Need approval; 72577 Done',
  );
  group(101, 'task', 'General labels', 'label', 'public', '2', '72600 doing; 72604 deployed');
  group(102, 'task', 'Task results', 'label', 'private', '3');
  group(103, 'task', 'Development', 'label', 'public', '4');
  group(
    97,
    'project',
    'Project status',
    'status',
    'public',
    '-4',
    '105114 Backlog; 105098 In progress; 105106 Paused; 105110 Canceled; 105102 Completed',
  );
  group(98, 'project', 'Common labels', 'label', 'public', '-5', '105554 inner; 105570 wiki; 105130 app');
  group(99, 'project', 'Internal labels', 'label', 'private', '-6');
  group(95, 'project', 'Finance', 'label', 'public', '-7', '105118 paid; 105122 bill; 105126 contract');
}

function projects(data: SandboxData): void {
  const base = {
    status: 'active' as const,
    company: 'Development',
    userFromId: HENRY,
    userToId: HENRY,
    text: '',
    tagIds: [],
    options: options([]),
  };
  insertProject(data, {
    ...base,
    id: 6622,
    name: 'Performance improvement',
    userToId: KATE,
    text: 'Inner project for company KPI improvement',
    dateAdded: at('2021-01-01 10:18'),
    dateStart: '2021-01-01',
    dateEnd: '2021-07-01',
    maxTime: 1200,
    maxMoney: 20400,
    options: options([
      'allow_close',
      'allow_give',
      'require_term',
      'require_tag',
      'require_limit',
      'deny_task_delete',
      'timer_only',
    ]),
    tagIds: [105554, 105570],
    memberIds: [HENRY, FRANK, KATE],
  });
  insertProject(data, {
    ...base,
    id: 8506,
    name: 'Prototyping',
    status: 'pending',
    userFromId: KATE,
    userToId: MANAGER_NOT_ASSIGNED,
    dateAdded: at('2021-01-05 16:21'),
    options: options(['allow_close']),
    memberIds: [KATE],
  });
  insertProject(data, {
    ...base,
    id: 8562,
    name: 'Owl brand launch',
    dateAdded: at('2021-01-06 09:00'),
    memberIds: [HENRY, FRANK, KATE],
  });
  insertProject(data, {
    ...base,
    id: 8482,
    name: 'Legacy site',
    dateAdded: at('2021-01-02 09:00'),
    memberIds: [HENRY],
  });
  insertProject(data, {
    ...base,
    id: 8526,
    name: 'New brand launch',
    userToId: MANAGER_NOT_ASSIGNED,
    dateAdded: at('2021-01-08 14:25'),
    memberIds: [HENRY],
  });
  insertProject(data, {
    ...base,
    id: 8600,
    name: 'Old archive',
    status: 'archive',
    dateAdded: at('2020-06-01 09:00'),
    memberIds: [HENRY],
  });
}

export function addAccounts(data: SandboxData): void {
  people(data);
  tags(data);
  projects(data);
}
