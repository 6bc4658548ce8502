import type { ContentBlock } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDocx } from '../../../sandbox/files/docx.js';
import { attachmentText, fileBytes } from '../../../sandbox/files/index.js';
import type { FileRec, SandboxData } from '../../../sandbox/model.js';
import { allocateId, insertFile } from '../../../sandbox/records.js';
import type { AnyTool, MediaReply } from '../kit/define-tool.js';
import { xlsx } from '../../../files/testing/xlsx.js';
import { createSandboxContext, type SandboxContext } from '../../testing/sandbox-context.js';
import type { ToolContext } from '../kit/context.js';
import { ToolError } from '../kit/errors.js';
import { filesTools } from './index.js';
import { IMAGE_MAX_BYTES } from './content.js';

const tool = (name: string): AnyTool => filesTools.find((t) => t.name === name) as AnyTool;
const run = async <T>(name: string, args: Record<string, unknown>, ctx: ToolContext): Promise<T> =>
  (await tool(name).handle(tool(name).input.parse(args), ctx)) as T;

interface FileItem {
  id: string;
  name: string;
  kind: string;
  attached_to: string;
  task_id?: string;
  comment_id?: string;
  added_at?: string;
  uri: string;
}
interface Page<T> {
  items: T[];
  total_count: number;
  truncated: boolean;
}

/** The task whose description has a file of every kind and whose comments have files (the fixture). */
function showcaseTask(data: SandboxData): number {
  const kinds = new Map<number, Set<string>>();
  for (const f of data.files.values()) {
    if (f.taskId !== undefined && f.commentId === undefined) {
      kinds.set(f.taskId, (kinds.get(f.taskId) ?? new Set()).add(f.kind));
    }
  }
  const id = [...kinds].find(([, k]) => k.size === 4)?.[0];
  if (id === undefined) throw new Error('no showcase task in the sandbox');
  return id;
}

const textOf = (blocks: ContentBlock[]): string =>
  blocks.map((b) => (b.type === 'text' ? b.text : '')).join('\n');

let s: SandboxContext;
let taskId: number;
let files: FileRec[];
const fileOfKind = (kind: string): FileRec =>
  files.find((f) => f.kind === kind && f.commentId === undefined) as FileRec;

function addFile(name: string, bytes: Uint8Array): string {
  const id = allocateId(s.sandbox.data);
  insertFile(s.sandbox.data, {
    id,
    name,
    kind: 'txt',
    size: bytes.length,
    dateAdded: Date.now(),
    userFromId: s.sandbox.data.ownerId,
    projectId: files[0]?.projectId ?? 0,
    taskId,
    bytes,
  });
  return String(id);
}

beforeAll(async () => {
  s = await createSandboxContext({ authMode: 'oauth' });
  taskId = showcaseTask(s.sandbox.data);
  files = [...s.sandbox.data.files.values()].filter((f) => f.taskId === taskId);
});
afterAll(() => s.close());

describe('list_files', () => {
  it("lists a task's description and comment files, marking which comment each hangs on", async () => {
    const page = await run<Page<FileItem>>('list_files', { task_id: taskId }, s.ctx());
    expect(page.items.map((f) => f.id).sort()).toEqual(files.map((f) => String(f.id)).sort());
    for (const item of page.items) {
      const rec = files.find((f) => String(f.id) === item.id) as FileRec;
      expect(item.attached_to).toBe(rec.commentId === undefined ? 'task' : 'comment');
      expect(item.comment_id).toBe(rec.commentId === undefined ? undefined : String(rec.commentId));
      expect(item.uri).toBe(`worksection://file/${item.id}`);
    }
    expect(page.items.some((f) => f.attached_to === 'comment')).toBe(true);
    const dates = page.items.map((f) => f.added_at ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('filters images by name and by a name fragment', async () => {
    const images = await run<Page<FileItem>>('list_files', { task_id: taskId, images_only: true }, s.ctx());
    expect(images.items.map((f) => f.id).sort()).toEqual(
      files
        .filter((f) => f.kind === 'png')
        .map((f) => String(f.id))
        .sort(),
    );
    expect(images.items.every((f) => f.kind === 'image')).toBe(true);
    const pdf = fileOfKind('pdf');
    const byName = await run<Page<FileItem>>(
      'list_files',
      { task_id: taskId, name_contains: pdf.name.slice(0, -4).toUpperCase() },
      s.ctx(),
    );
    expect(byName.items.map((f) => f.name)).toContain(pdf.name);
  });

  it('lists project-level files, and task description files on request', async () => {
    const projectId = files[0]?.projectId as number;
    const own = [...s.sandbox.data.files.values()].filter(
      (f) => f.projectId === projectId && f.taskId === undefined,
    );
    const page = await run<Page<FileItem>>('list_files', { project_id: projectId }, s.ctx());
    expect(page.items.map((f) => f.id).sort()).toEqual(own.map((f) => String(f.id)).sort());
    expect(page.items.every((f) => f.attached_to === 'project')).toBe(true);

    const wide = await run<Page<FileItem>>(
      'list_files',
      { project_id: projectId, include_task_files: true, limit: 200 },
      s.ctx(),
    );
    const described = files.filter((f) => f.commentId === undefined).map((f) => String(f.id));
    expect(
      wide.items
        .filter((f) => f.task_id === String(taskId))
        .map((f) => f.id)
        .sort(),
    ).toEqual(described.sort());
    expect(wide.items.filter((f) => f.attached_to === 'comment')).toEqual([]);
  });

  it('asks for exactly one of task_id and project_id', async () => {
    await expect(run('list_files', {}, s.ctx())).rejects.toThrow(ToolError);
    await expect(run('list_files', { task_id: 1, project_id: 2 }, s.ctx())).rejects.toThrow(/exactly one/);
  });
});

describe('read_file', () => {
  const read = (args: Record<string, unknown>, ctx = s.ctx()) => run<MediaReply>('read_file', args, ctx);

  it("returns a PNG as image content whose bytes are the file's", async () => {
    const png = fileOfKind('png');
    const reply = await read({ file_id: String(png.id) });
    const image = reply.content.find((b) => b.type === 'image');
    expect(image?.type === 'image' && image.mimeType).toBe('image/png');
    const bytes = image?.type === 'image' ? Buffer.from(image.data, 'base64') : Buffer.alloc(0);
    expect(bytes.equals(Buffer.from(fileBytes(png)))).toBe(true);
    expect(textOf(reply.content)).toContain(png.name);
  });

  it.each(['pdf', 'docx', 'txt'])('extracts the generated text of the %s attachment', async (kind) => {
    const f = fileOfKind(kind);
    const { title, lines } = attachmentText(f);
    const text = textOf((await read({ file_id: f.id })).content);
    expect(text).toContain(title);
    for (const line of lines) expect(text).toContain(line);
  });

  it('extracts XLSX cells', async () => {
    const id = addFile(
      'budget.xlsx',
      xlsx(
        [{ name: 'Q1', rows: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>42</v></c></row>' }],
        ['Design'],
      ),
    );
    expect(textOf((await read({ file_id: id })).content)).toContain('## Sheet: Q1\nDesign\t42');
  });

  it('sniffs content rather than trusting the name', async () => {
    const id = addFile('picture.png', renderDocx({ title: 'Not a picture', paragraphs: ['really'] }));
    const reply = await read({ file_id: id });
    expect(reply.content.some((b) => b.type === 'image')).toBe(false);
    expect(textOf(reply.content)).toContain('Not a picture\nreally');
  });

  it('cuts long text to the budget, says how much, and continues from offset', async () => {
    const body = Array.from({ length: 400 }, (_, i) => `line ${String(i).padStart(3, '0')}`).join('\n');
    const id = addFile('long.txt', new TextEncoder().encode(body));
    const small: ToolContext = {
      ...s.ctx(),
      limits: { budgetTokens: 300, defaultPageSize: 50, maxPageSize: 200 },
    };
    const first = textOf((await read({ file_id: id }, small)).content);
    expect(first).toContain(`characters 1–1000 of ${body.length}`);
    expect(first).toContain(`${body.length - 1000} more characters not shown`);
    expect(first).toContain('offset=1000');
    expect(first).toContain(body.slice(0, 1000));
    const second = textOf((await read({ file_id: id, offset: 1000 }, small)).content);
    expect(second).toContain(body.slice(1000, 2000));
    await expect(read({ file_id: id, offset: body.length })).rejects.toThrow(/past the end/);
  });

  it('links images over the size cap and files without text instead of inlining them', async () => {
    const big = new Uint8Array(IMAGE_MAX_BYTES + 1);
    big.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const bigId = addFile('huge.png', big);
    const reply = await read({ file_id: bigId });
    expect(reply.content.some((b) => b.type === 'image')).toBe(false);
    expect(textOf(reply.content)).toMatch(/larger than the 5\.0 MB limit/);
    expect(reply.content).toContainEqual(
      expect.objectContaining({
        type: 'resource_link',
        uri: `worksection://file/${bigId}`,
        mimeType: 'image/png',
      }),
    );
    const binId = addFile('blob.bin', Uint8Array.from([0, 1, 2, 3, 0, 255]));
    const bin = await read({ file_id: binId });
    expect(bin.content).toContainEqual(
      expect.objectContaining({ type: 'resource_link', mimeType: 'application/octet-stream' }),
    );
  });

  it('answers an unknown file id with a hint to list_files', async () => {
    const err = await read({ file_id: '99999999' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ToolError);
    expect((err as ToolError).hint).toMatch(/list_files/);
  });

  it('works the same with the admin key', async () => {
    const admin = await createSandboxContext({ authMode: 'admin', sandbox: { data: s.sandbox.data } });
    try {
      const png = fileOfKind('png');
      const reply = await run<MediaReply>('read_file', { file_id: png.id }, admin.ctx());
      expect(reply.content.some((b) => b.type === 'image')).toBe(true);
    } finally {
      await admin.close();
    }
  });
});
