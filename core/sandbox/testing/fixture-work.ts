// The tasks, relations, comments, files, costs, timers, webhooks and events of the actions' test fixture,
// with the Postman examples' ids, texts and times.
import type { Id, SandboxData, TaskRec } from '../model.js';
import { ANYONE, NOONE } from '../model.js';
import { insertComment, insertCost, insertFile, insertTask } from '../records.js';
import { FRANK, HENRY, KATE, NOW, at } from './fixture-accounts.js';

function task(
  data: SandboxData,
  t: Partial<TaskRec> & Pick<TaskRec, 'id' | 'projectId' | 'name' | 'dateAdded'>,
): void {
  insertTask(data, {
    status: 'active',
    priority: 1,
    userFromId: HENRY,
    userToId: HENRY,
    text: '',
    tagIds: [],
    subscriberIds: [],
    ...t,
  });
}

function tasks(data: SandboxData): void {
  const owl = { projectId: 8562, dateStart: undefined };
  task(data, {
    ...owl,
    id: 331894,
    name: 'Development',
    priority: 7,
    text: 'Business logic programming',
    dateAdded: at('2021-01-07 10:01'),
    dateStart: '2021-01-16',
    dateEnd: '2021-02-16',
    timeStart: '08:00',
    timeEnd: '18:00',
    maxTime: 352,
    maxMoney: 5280,
    subscriberIds: [HENRY, FRANK],
  });
  task(data, {
    ...owl,
    id: 331910,
    parentId: 331894,
    name: 'Sprint 1',
    dateAdded: at('2021-01-07 10:05'),
    subscriberIds: [HENRY],
  });
  task(data, {
    ...owl,
    id: 331914,
    parentId: 331910,
    name: 'Subsprint 1.1',
    dateAdded: at('2021-01-07 10:07'),
    subscriberIds: [HENRY],
  });
  task(data, {
    ...owl,
    id: 331902,
    name: 'Prototyping',
    userToId: KATE,
    dateAdded: at('2021-01-07 11:41'),
    dateStart: '2021-01-10',
    dateEnd: '2021-01-15',
    subscriberIds: [HENRY, KATE],
  });
  task(data, {
    ...owl,
    id: 331906,
    name: 'Testing',
    userToId: FRANK,
    dateAdded: at('2021-01-07 12:00'),
    dateStart: '2021-02-17',
    dateEnd: '2021-02-24',
    subscriberIds: [HENRY, FRANK],
  });
  data.relations.push(
    { fromTaskId: 331902, toTaskId: 331894, type: 'finish-to-start' },
    { fromTaskId: 331894, toTaskId: 331906, type: 'finish-to-start' },
  );

  const perf = { projectId: 6622 };
  task(data, {
    ...perf,
    id: 330090,
    name: 'Worksection implementation',
    userToId: ANYONE,
    dateAdded: at('2021-01-01 12:00'),
  });
  task(data, {
    ...perf,
    id: 330142,
    name: 'Workflow revision',
    status: 'done',
    userToId: FRANK,
    dateAdded: at('2021-01-01 11:00'),
    dateClosed: at('2021-01-02 12:43'),
  });
  task(data, {
    ...perf,
    id: 331502,
    name: 'Worksection docs',
    userToId: NOONE,
    dateAdded: at('2021-01-01 13:04'),
  });
  task(data, {
    ...perf,
    id: 331430,
    name: 'Team meetup',
    dateAdded: at('2021-01-05 11:24'),
  });
  task(data, {
    ...perf,
    id: 332150,
    name: 'Template creation',
    priority: 10,
    userToId: NOONE,
    dateAdded: at('2021-01-10 15:17'),
  });
  task(data, {
    ...perf,
    id: 331460,
    name: 'Release 0.9',
    status: 'done',
    dateAdded: at('2021-01-03 09:00'),
    dateClosed: at('2021-01-04 09:00'),
  });
  task(data, {
    ...perf,
    id: 331470,
    parentId: 331460,
    name: 'Release notes',
    status: 'done',
    dateAdded: at('2021-01-03 09:05'),
    dateClosed: at('2021-01-04 08:00'),
  });
  // Delayed publication: invisible to the API until tomorrow.
  task(data, {
    ...perf,
    id: 332200,
    name: 'Secret launch',
    dateAdded: at('2021-01-11 09:00'),
    publishAt: NOW + 86_400_000,
  });
  task(data, { projectId: 8600, id: 320001, name: 'Archived chore', dateAdded: at('2020-06-02 09:00') });
}

function activity(data: SandboxData): void {
  const comment = (id: Id, taskId: Id, userFromId: Id, text: string, when: string, fileIds: Id[] = []) =>
    insertComment(data, { id, taskId, userFromId, text, dateAdded: at(when), fileIds });
  comment(19940, 331894, HENRY, 'Kick-off', '2021-01-07 10:02');
  comment(19950, 331894, HENRY, 'Updated development requirements', '2021-01-07 10:33');
  comment(19954, 331894, FRANK, 'Need your help with first section', '2021-01-07 11:04');
  comment(
    19962,
    331894,
    FRANK,
    'And what about development\u00a0environment?' /* the example has a no-break space */,
    '2021-01-07 11:10',
  );
  comment(19974, 331894, HENRY, 'As usual', '2021-01-07 11:15');
  comment(19978, 331894, FRANK, 'Thanks, first section done', '2021-01-07 16:38');
  comment(19078, 330090, FRANK, '', '2021-01-01 10:00', [17350, 17354]);
  comment(19086, 330090, HENRY, 'Added one more file needed', '2021-01-02 11:21', [17362]);

  const file = (
    id: Id,
    name: string,
    size: number,
    where: { projectId: Id; taskId?: Id; commentId?: Id },
    userFromId: Id,
    when: string,
    bytes?: Uint8Array,
  ) =>
    insertFile(data, {
      id,
      name,
      kind: name.endsWith('.png') ? 'png' : name.endsWith('.txt') ? 'txt' : 'docx',
      size,
      dateAdded: at(when),
      userFromId,
      ...where,
      ...(bytes ? { bytes } : {}),
    });
  file(
    17694,
    'Development requirements.doc',
    27136,
    { projectId: 8562, taskId: 331894 },
    HENRY,
    '2021-01-07 10:01',
  );
  file(
    17698,
    'Development progress.xlsx',
    10698,
    { projectId: 8562, taskId: 331894 },
    HENRY,
    '2021-01-07 10:01',
  );
  file(
    17350,
    'Text file.docx',
    111303,
    { projectId: 6622, taskId: 330090, commentId: 19078 },
    FRANK,
    '2021-01-01 10:00',
  );
  file(
    17354,
    'Spreadsheet file.xlsx',
    42669,
    { projectId: 6622, taskId: 330090, commentId: 19078 },
    FRANK,
    '2021-01-01 10:00',
  );
  file(
    17362,
    'Image file.png',
    512596,
    { projectId: 6622, taskId: 330090, commentId: 19086 },
    HENRY,
    '2021-01-02 11:21',
  );
  file(16246, 'Text file.docx', 111303, { projectId: 6622 }, HENRY, '2021-01-01 10:00');
  file(16242, 'Image file.jpeg', 73444, { projectId: 6622 }, FRANK, '2022-01-01 10:00');
  const txt = new TextEncoder().encode('Txt file\n\nLorem ipsum dolor sit amet.\n');
  file(18026, 'worksection.txt', txt.length, { projectId: 8506 }, KATE, '2021-01-05 17:00', txt);

  const cost = (
    id: Id,
    taskId: Id,
    userFromId: Id,
    minutes: number,
    moneyCents: number,
    date: string,
    isTimer: boolean,
    comment: string,
  ) =>
    insertCost(data, {
      id,
      taskId,
      userFromId,
      minutes,
      moneyCents,
      date,
      isTimer,
      comment,
      dateAdded: at(`${date} 18:00`),
    });
  cost(3610, 330142, FRANK, 410, 7517, '2021-01-01', true, 'Developed new workflow scheme for dev team');
  cost(3686, 330090, HENRY, 202, 0, '2021-01-03', false, '');
  cost(3690, 331894, FRANK, 30, 550, '2021-01-09', false, 'Review');
  cost(3700, 331894, HENRY, 90, 3750, '2021-01-08', false, 'Monthly report');

  data.timers.set(2918, { id: 2918, userId: FRANK, taskId: 331430, startedAt: NOW - (11 * 60 + 13) * 1000 });
  data.timers.set(2914, { id: 2914, userId: HENRY, taskId: 330090, startedAt: NOW - (72 * 60 + 45) * 1000 });

  data.webhooks.set(122, {
    id: 122,
    url: 'https://hooks.example.com/a',
    events: 'post_task,post_comment,post_project',
    status: 'active',
    projects: '5',
  });
  data.webhooks.set(123, {
    id: 123,
    url: 'https://hooks.example.com/b',
    events: 'update_task,close_task',
    status: 'paused',
    projects: '',
  });

  const ref = { id: String(HENRY), email: 'henry.gardner@ws.com', name: 'Henry Gardner' };
  data.events.push(
    {
      action: 'post',
      objectType: 'project',
      objectId: 6622,
      page: '/project/6622/',
      dateAdded: NOW - 3 * 86_400_000,
      userFromId: HENRY,
      new: { title: 'Performance improvement' },
    },
    {
      action: 'post',
      objectType: 'project',
      objectId: 8506,
      page: '/project/8506/',
      dateAdded: NOW - 5 * 3_600_000,
      userFromId: HENRY,
      new: { title: 'Prototyping', user_to: ref },
    },
    {
      action: 'post',
      objectType: 'comment',
      objectId: 19086,
      page: '/project/6622/330090/',
      dateAdded: NOW - 4 * 3_600_000,
      userFromId: HENRY,
      new: { text: 'Today we have a meetup.' },
    },
    {
      action: 'close',
      objectType: 'task',
      objectId: 330142,
      page: '/project/6622/330142/',
      dateAdded: NOW - 2 * 3_600_000,
      userFromId: FRANK,
    },
  );
}

export function addWork(data: SandboxData): void {
  tasks(data);
  activity(data);
}
