// The people list as a check on held answers: every person an answer shows, at any depth, must be in the
// list with the same email and name; files (an id and a name, no email) are not people.
import { describe, expect, it } from 'vitest';
import { peopleOf, personsAsHeld } from './held-people.js';

const ann = { id: '1', email: 'ann@example.test', name: 'Ann Lee' };
const bob = { id: '2', email: 'bob@example.test', name: 'Bob Ray' };
const list = (...people: object[]) => peopleOf('users', 0, { status: 'ok', data: people });
const discussion = {
  status: 'ok',
  data: [
    { id: '10', text: 'Hi', user_from: ann, files: [{ id: '7', name: 'plan.pdf', size: '12' }] },
    { id: '11', text: 'Yo', user_from: bob, mentions: [{ user: ann }] },
  ],
};

describe('held people', () => {
  it('agree with an answer whose every person they show as it is', () => {
    const held = list({ ...ann, role: 'user' }, bob);
    expect(held && personsAsHeld(discussion, held)).toBe(true);
  });

  it.each([
    ['renamed', [{ ...ann, name: 'Ann Lee-Park' }, bob]],
    ['with another email', [ann, { ...bob, email: 'robert@example.test' }]],
    ['missing (gone from the account)', [bob]],
  ])('disagree with one showing a person %s', (_what, people) => {
    const held = list(...people);
    expect(held && personsAsHeld(discussion, held)).toBe(false);
  });

  it('tell two lists apart by their people, not their order or other fields', () => {
    expect(list(ann, bob)?.digest).toBe(list({ ...bob, role: 'admin' }, ann)?.digest);
    expect(list(ann, bob)?.digest).not.toBe(list(ann, { ...bob, name: 'Bob R.' })?.digest);
    expect(peopleOf('users', 0, { status: 'ok' })).toBeUndefined();
  });
});
