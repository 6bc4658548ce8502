// Users, user groups (own team and client companies), contacts and contact folders.
import type { ContactRec, GroupRec, UserRec, UserRole } from '../model.js';
import { allocateId, insertUser } from '../records.js';
import type { GenContext, People } from './context.js';
import { STREAM } from './context.js';
import type { Rng } from './random.js';
import {
  ADMIN_TITLES,
  CITIES,
  CLIENT_COMPANIES,
  CLIENT_TITLES,
  CONTACT_FOLDERS,
  CONTACT_TITLES,
  DEPARTMENTS,
  FIRST_NAMES,
  LAST_NAMES,
  STREETS,
  SUPPLIERS,
} from './words-people.js';
import type { Job } from './words-people.js';

/** 'Singing Bird' → 'singingbird.example': reserved TLD, so no generated address can reach anyone. */
export function mailDomain(company: string): string {
  return `${company.toLowerCase().replace(/[^a-z0-9]+/g, '')}.example`;
}

/** Draws names from shuffled decks, so a small team has no two people with the same first name. */
class NameSource {
  private readonly usedEmails = new Set<string>();
  private firsts: string[] = [];
  private lasts: string[] = [];
  constructor(private readonly rng: Rng) {}

  next(domain: string): { firstName: string; lastName: string; email: string } {
    if (this.firsts.length === 0) this.firsts = this.rng.sample(FIRST_NAMES, FIRST_NAMES.length);
    if (this.lasts.length === 0) this.lasts = this.rng.sample(LAST_NAMES, LAST_NAMES.length);
    const firstName = this.firsts.pop()!;
    const lastName = this.lasts.pop()!;
    const base = `${firstName}.${lastName}`.toLowerCase();
    let email = `${base}@${domain}`;
    for (let n = 2; this.usedEmails.has(email); n++) email = `${base}${n}@${domain}`;
    this.usedEmails.add(email);
    return { firstName, lastName, email };
  }
}

function phone(rng: Rng): string {
  const d = (n: number): string => String(rng.int(10 ** (n - 1), 10 ** n - 1));
  switch (rng.int(0, 3)) {
    case 0:
      return `+1 ${d(3)} ${d(3)} ${d(4)}`;
    case 1:
      return `+44 20 ${d(4)} ${d(4)}`;
    case 2:
      return `+380 44 ${d(3)} ${d(2)} ${d(2)}`;
    default:
      return `+49 30 ${d(4)} ${d(4)}`;
  }
}

function address(rng: Rng): string {
  const suite = rng.chance(0.4) ? `Suite ${rng.int(100, 999)}, ` : '';
  return `${suite}${rng.int(1, 220)} ${rng.pick(STREETS)}, ${rng.pick(CITIES)}`;
}

/** Phones and addresses; `bare` people have none, as many real profiles do. */
function reachability(rng: Rng, bare: boolean): { phones: string[]; addresses: string[] } {
  if (bare) return { phones: [], addresses: [] };
  const phones = [phone(rng)];
  if (rng.chance(0.3)) phones.push(phone(rng));
  const addresses = rng.chance(0.6) ? [address(rng)] : [];
  if (addresses.length > 0 && rng.chance(0.2)) addresses.push(address(rng));
  return { phones, addresses };
}

export function generatePeople(ctx: GenContext): People {
  const { data, profile } = ctx;
  const rng = ctx.rng.derive(STREAM.people);
  const names = new NameSource(rng);

  const team: GroupRec[] = DEPARTMENTS.slice(0, profile.teamGroups).map((d) => ({
    id: allocateId(data),
    title: d.group,
    client: 0,
  }));
  const clients: GroupRec[] = rng.sample(CLIENT_COMPANIES, profile.clientCompanies).map((title) => ({
    id: allocateId(data),
    title,
    client: 1,
  }));
  for (const g of [...team, ...clients]) data.groups.set(g.id, g);

  const avatarDir = rng.int(100_000, 999_999);
  const makeUser = (role: UserRole, groupIdx: number, index: number): UserRec => {
    const outsider = role === 'Guest' || role === 'Reader';
    const group = outsider ? rng.pick(clients) : (team[groupIdx] ?? team[0]!);
    const dept = DEPARTMENTS.find((d) => d.group === group.title);
    const person = names.next(outsider ? mailDomain(group.title) : ctx.domain);
    const id = allocateId(data);
    const [title, department]: Job =
      role === 'Owner'
        ? ['CEO', 'Board']
        : role === 'Account admin'
          ? [rng.pick(ADMIN_TITLES), 'Board']
          : outsider
            ? [rng.pick(CLIENT_TITLES), '']
            : rng.pick(dept?.jobs ?? [['Specialist', '']]);
    // The owner always has full details; a few people (every fourth in the fixture) have none.
    const bare = role !== 'Owner' && (ctx.small ? index % 4 === 3 : rng.chance(0.2));
    return insertUser(data, {
      id,
      ...person,
      title,
      rate: outsider ? 0 : role === 'Owner' ? 120 : rng.int(3, 16) * 5,
      avatar: rng.chance(0.75)
        ? `${data.accountUrl}/images/user/${avatarDir}/${id}_${rng.int(1000, 2999)}.jpg`
        : `${data.accountUrl}/images/user/0f.gif`,
      group: group.title,
      // Departments are optional in Worksection and many teams leave them empty.
      department: rng.chance(0.7) ? department : '',
      role,
      ...reachability(rng, bare),
    });
  };

  const owner = makeUser('Owner', 0, 0);
  data.ownerId = owner.id;
  const people: People = { owner, staff: [owner], managers: [owner], outsiders: [] };
  let index = 1;
  for (let i = 0; i < profile.admins; i++) {
    const u = makeUser('Account admin', 0, index++);
    people.staff.push(u);
    people.managers.push(u);
  }
  for (let i = 0; i < profile.users; i++) {
    // Round-robin over departments, so even the small team has people in each of its groups.
    const u = makeUser('User', i % team.length, index++);
    people.staff.push(u);
    if (u.group === team[0]?.title) people.managers.push(u);
  }
  for (let i = 0; i < profile.guests; i++) people.outsiders.push(makeUser('Guest', 0, index++));
  for (let i = 0; i < profile.readers; i++) people.outsiders.push(makeUser('Reader', 0, index++));

  generateContacts(ctx, rng, names, clients);
  return people;
}

function generateContacts(ctx: GenContext, rng: Rng, names: NameSource, clients: GroupRec[]): void {
  const { data, profile } = ctx;
  const folders = CONTACT_FOLDERS.slice(0, profile.contactFolders).map((title) => ({
    id: allocateId(data),
    title,
  }));
  for (const f of folders) data.contactGroups.set(f.id, f);
  const orgs = [...clients.map((c) => c.title), ...SUPPLIERS];
  for (let i = 0; i < profile.contacts; i++) {
    // Every fourth contact was never filed into a folder and shows Worksection's 'DEFAULT'.
    const folder = i % 4 === 1 ? undefined : rng.pick(folders);
    const person = names.next(mailDomain(rng.pick(orgs)));
    const contact: ContactRec = {
      id: allocateId(data),
      ...person,
      title: rng.pick(CONTACT_TITLES),
      group: folder?.title ?? 'DEFAULT',
      ...reachability(rng, i % 5 === 4),
    };
    data.contacts.set(contact.id, contact);
  }
}
