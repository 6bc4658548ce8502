// PLACEHOLDER until the generator lands: an account with only its owner.
import type { SandboxData } from '../model.js';
import { createEmptyData, insertUser } from '../store.js';

export type SandboxSize = 'small' | 'large';

export interface GenerateOptions {
  seed: number;
  size: SandboxSize;
  accountUrl?: string;
  /** The clock at generation (epoch ms): recent events and running timers are placed relative to it. */
  now?: number;
}

export function generateAccount(opts: GenerateOptions): SandboxData {
  const data = createEmptyData(opts.accountUrl ?? 'https://demo.worksection.com');
  insertUser(data, {
    id: 1000,
    email: 'owner@example.com',
    firstName: 'Olivia',
    lastName: 'Owner',
    title: 'CEO',
    rate: 50,
    avatar: `${data.accountUrl}/images/user/0f.gif`,
    group: 'Team',
    department: '',
    role: 'Owner',
    phones: [],
    addresses: [],
  });
  data.ownerId = 1000;
  data.nextId = 1001;
  return data;
}
