// The client's request building (param encoding, both auth modes, the admin signature) and its typed calls
// against the real sandbox with its real action handlers, in both auth modes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSigner } from './auth.js';
import { filenameOf, WorksectionClient } from './client.js';
import { AuthInvalidError, WorksectionApiError } from './errors.js';
import { startSandbox, type RunningSandbox } from '../sandbox/server.js';
import { sandboxTokenProvider } from '../sandbox/testing/tokens.js';
import { encodeParams, readKey } from './transport.js';

describe('encodeParams', () => {
  it('keeps order, repeats arrays as key[], writes flags as 1/0 and drops undefined and null', () => {
    expect(
      encodeParams({
        id_task: 42,
        text: 'a b&c',
        todo: ['one', 'two'],
        'members[]': ['x'],
        is_timer: true,
        hidden: false,
        skip: undefined,
        none: null,
        'options.allow_close': 1,
      }),
    ).toEqual([
      ['id_task', '42'],
      ['text', 'a b&c'],
      ['todo[]', 'one'],
      ['todo[]', 'two'],
      ['members[]', 'x'],
      ['is_timer', '1'],
      ['hidden', '0'],
      ['options.allow_close', '1'],
    ]);
  });

  it('refuses numbers that cannot be sent', () => {
    expect(() => encodeParams({ max_time: NaN })).toThrow(TypeError);
  });
});

describe('readKey', () => {
  it('ignores param order between names but not within an array', () => {
    const a = readKey('get_tasks', encodeParams({ id_project: 1, extra: 'text' }));
    const b = readKey('get_tasks', encodeParams({ extra: 'text', id_project: 1 }));
    expect(a).toBe(b);
    expect(readKey('x', encodeParams({ t: ['1', '2'] }))).not.toBe(
      readKey('x', encodeParams({ t: ['2', '1'] })),
    );
    expect(readKey('get_task', [['id_task', '1']])).not.toBe(readKey('get_tasks', [['id_task', '1']]));
  });
});

describe('createSigner', () => {
  it('signs admin calls with the documented md5 scheme, hash last', async () => {
    const signer = createSigner('https://acc1234.worksection.com/', {
      kind: 'admin',
      apiKey: '7776461cd931e7b1c8e9632ff8e979ce',
    });
    const req = await signer.prepare('get_tasks', [['id_project', '26']], 'read');
    expect(req.url).toBe(
      'https://acc1234.worksection.com/api/admin/v2/?action=get_tasks&id_project=26&hash=ec3ab2c28f21b4a07424f8ed688d6644',
    );
    expect(req.init.method).toBe('GET');
  });

  it('sends OAuth reads as GET with a bearer header and writes as a form POST', async () => {
    const tokens = { getAccessToken: () => Promise.resolve('tok'), refresh: () => Promise.resolve() };
    const signer = createSigner('https://acc1234.worksection.com', { kind: 'oauth', tokens });
    const read = await signer.prepare('get_task', [['id_task', '7']], 'read');
    expect(read.url).toBe('https://acc1234.worksection.com/api/oauth2?action=get_task&id_task=7');
    expect(read.init.headers).toEqual({ authorization: 'Bearer tok' });
    const write = await signer.prepare(
      'post_comment',
      [
        ['text', 'hi there'],
        ['todo[]', 'a'],
      ],
      'write',
    );
    expect(write.url).toBe('https://acc1234.worksection.com/api/oauth2?action=post_comment');
    expect(write.init.method).toBe('POST');
    expect(String(write.init.body)).toBe('text=hi+there&todo%5B%5D=a');
  });
});

describe('filenameOf', () => {
  it('reads RFC 5987, quoted and bare filenames', () => {
    expect(filenameOf("attachment; filename*=UTF-8''%D0%BF%D0%BB%D0%B0%D0%BD%201.txt")).toBe('план 1.txt');
    expect(filenameOf('attachment; filename="a \\"b\\".pdf"')).toBe('a "b".pdf');
    expect(filenameOf('attachment; filename=report.docx')).toBe('report.docx');
    expect(filenameOf(null)).toBeUndefined();
  });
});

describe('WorksectionClient against the sandbox', () => {
  let sb: RunningSandbox;
  let user: WorksectionClient;
  let admin: WorksectionClient;

  beforeAll(async () => {
    sb = await startSandbox({ rateLimit: 0 });
    const scheduler = { ratePerSecond: 0 };
    user = new WorksectionClient({
      accountUrl: sb.url,
      auth: { kind: 'oauth', tokens: sandboxTokenProvider(sb) },
      scheduler,
    });
    admin = new WorksectionClient({
      accountUrl: sb.url,
      auth: { kind: 'admin', apiKey: sb.apiKey },
      scheduler,
    });
  });

  afterAll(async () => {
    user.close();
    admin.close();
    await sb.close();
  });

  it('answers typed, schema-checked envelopes in both auth modes', async () => {
    const projects = await user.call('get_projects');
    expect(projects.data.length).toBeGreaterThan(0);
    const first = projects.data[0];
    const tasks = await admin.call('get_tasks', { id_project: first?.id });
    expect(tasks.status).toBe('ok');
    const me = await user.call('me');
    expect(me.data.id).toBe(String(sb.data.ownerId));
  });

  it('throws business errors as WorksectionApiError, never as data', async () => {
    const error = await user.call('get_task', { id_task: 99_999_999 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorksectionApiError);
    expect(error).toMatchObject({ kind: 'api_error', statusCode: 5 });
    // me is a user-token method: the admin key cannot call it.
    await expect(admin.call('me')).rejects.toBeInstanceOf(WorksectionApiError);
  });

  it('sends writes with arrays (todo[]) in both auth modes', async () => {
    const task = [...sb.data.tasks.values()].find((t) => t.status === 'active' && t.parentId === undefined);
    const id_task = task?.id;
    const owner = sb.data.users.get(sb.data.ownerId)?.email;
    const posted = await user.call('post_comment', { id_task, text: 'Checklist', todo: ['first', 'second'] });
    expect(posted.data.text).toContain('first');
    expect(posted.data.text).toContain('second');
    const byAdmin = await admin.call('post_comment', {
      id_task,
      text: 'From the admin key',
      email_user_from: owner,
    });
    expect(byAdmin.data.text).toContain('From the admin key');
  });

  it('downloads a file with its name and type, and reports a missing one as an API error', async () => {
    const file = [...sb.data.files.values()][0];
    expect(file).toBeDefined();
    const got = await user.download(file?.id ?? 0);
    expect(got.bytes.byteLength).toBe(file?.size);
    expect(got.filename).toBe(file?.name);
    expect(got.contentType.length).toBeGreaterThan(0);
    const missing = await admin.download(99_999_999).catch((e: unknown) => e);
    expect(missing).toMatchObject({ kind: 'api_error', statusCode: 4 });
  });

  it('refuses a wrong admin key as AuthInvalidError without leaking the key or the hash', async () => {
    const wrong = new WorksectionClient({
      accountUrl: sb.url,
      auth: { kind: 'admin', apiKey: 'not-the-key-0123' },
    });
    const error = (await wrong.call('get_users').catch((e: unknown) => e)) as AuthInvalidError;
    wrong.close();
    expect(error).toBeInstanceOf(AuthInvalidError);
    expect(error.message).not.toContain('not-the-key-0123');
    expect(error.message).not.toContain('hash');
    expect(error.message).not.toContain(sb.url);
  });

  it('rejects params the client sets itself', () => {
    expect(() => user.call('get_users', { action: 'x' })).toThrow(TypeError);
  });
});
