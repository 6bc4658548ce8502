import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachmentText, fileBytes } from '../../sandbox/files/index.js';
import type { FileRec, SandboxData } from '../../sandbox/model.js';
import { RESOURCE_NOT_FOUND } from '../server/providers.js';
import { createResourceProvider } from './index.js';
import { createHarness, type Harness } from '../testing/harness.js';

const resources = createResourceProvider();

/** The task with the most comments that also has attachments on its description and its comments. */
function richTask(data: SandboxData): number {
  const withFiles = new Set(
    [...data.files.values()].flatMap((f) => (f.commentId !== undefined && f.taskId ? [f.taskId] : [])),
  );
  const ranked = [...data.index.commentsByTask]
    .filter(([id]) => withFiles.has(id))
    .sort((a, b) => b[1].length - a[1].length);
  const id = ranked[0]?.[0];
  if (id === undefined) throw new Error('no task with comment files');
  return id;
}

let h: Harness;
let data: SandboxData;
const fileOfKind = (kind: string): FileRec =>
  [...data.files.values()].find((f) => f.kind === kind) as FileRec;

beforeAll(async () => {
  h = await createHarness({ resources });
  data = h.sandbox.data;
});
afterAll(() => h.close());

describe('worksection://file/{id}', () => {
  it('serves an image as a blob with its sniffed MIME type and the real bytes', async () => {
    const png = fileOfKind('png');
    const uri = `worksection://file/${png.id}`;
    const { contents } = await h.client.readResource({ uri });
    expect(contents).toHaveLength(1);
    const [c] = contents;
    expect(c).toMatchObject({ uri, mimeType: 'image/png' });
    const blob = c && 'blob' in c ? c.blob : '';
    expect(Buffer.from(blob, 'base64').equals(Buffer.from(fileBytes(png)))).toBe(true);
  });

  it('serves text files as text and PDFs as application/pdf blobs', async () => {
    const txt = fileOfKind('txt');
    const [text] = (await h.client.readResource({ uri: `worksection://file/${txt.id}` })).contents;
    expect(text).toMatchObject({ mimeType: 'text/plain', text: new TextDecoder().decode(fileBytes(txt)) });
    const pdf = fileOfKind('pdf');
    const [doc] = (await h.client.readResource({ uri: `worksection://file/${pdf.id}` })).contents;
    expect(doc?.mimeType).toBe('application/pdf');
  });

  it('answers an unknown file or URI with "resource not found"', async () => {
    for (const uri of ['worksection://file/99999999', 'worksection://nothing/1']) {
      const err = await h.client.readResource({ uri }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(McpError);
      expect((err as McpError).code).toBe(RESOURCE_NOT_FOUND);
    }
  });

  it('is listed as a template', async () => {
    const { resourceTemplates } = await h.client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate)).toEqual([
      'worksection://file/{id}',
      'worksection://task/{id}/context',
    ]);
  });
});

describe('worksection://task/{id}/context', () => {
  it('has the task, its whole discussion oldest first and links to every attachment', async () => {
    const taskId = richTask(data);
    const task = data.tasks.get(taskId);
    const uri = `worksection://task/${taskId}/context`;
    const [c] = (await h.client.readResource({ uri })).contents;
    expect(c?.mimeType).toBe('text/markdown');
    const md = c && 'text' in c ? c.text : '';
    expect(md).toContain(`# Task ${taskId}: ${task?.name}`);
    const comments = (data.index.commentsByTask.get(taskId) ?? []).map((id) => data.comments.get(id));
    expect(comments.length).toBeGreaterThan(0);
    const positions = comments.map((cm) => md.indexOf(`(comment ${cm?.id})`));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    for (const f of [...data.files.values()].filter((f) => f.taskId === taskId)) {
      expect(md).toContain(`worksection://file/${f.id}`);
    }
    expect(md).toContain(`(${comments.length} comment`);
  });

  it('keeps the newest comments and says how many were left out when the budget is small', async () => {
    const taskId = richTask(data);
    const ctx = { ...h.ctx(), limits: { budgetTokens: 400, defaultPageSize: 50, maxPageSize: 200 } };
    const [c] = (await resources.read(`worksection://task/${taskId}/context`, ctx)).contents;
    const md = c && 'text' in c ? c.text : '';
    const newest = (data.index.commentsByTask.get(taskId) ?? []).at(-1);
    expect(md).toMatch(/older comments? left out to fit the size budget/);
    expect(md).toContain(`(comment ${newest})`);
  });

  it('answers an unknown task with "resource not found"', async () => {
    const err = await h.client
      .readResource({ uri: 'worksection://task/99999999/context' })
      .catch((e: unknown) => e);
    expect((err as McpError).code).toBe(RESOURCE_NOT_FOUND);
  });
});

describe('read_file through the MCP client', () => {
  it('returns the PNG as image content the model can see', async () => {
    const png = fileOfKind('png');
    const result = await h.callTool('read_file', { file_id: png.id });
    expect(result.isError).toBeFalsy();
    const image = result.content.find((b) => b.type === 'image');
    expect(image).toMatchObject({ type: 'image', mimeType: 'image/png' });
    expect(
      Buffer.from(image?.type === 'image' ? image.data : '', 'base64').equals(Buffer.from(fileBytes(png))),
    ).toBe(true);
  });

  it('returns the DOCX text', async () => {
    const docx = fileOfKind('docx');
    const result = await h.callTool('read_file', { file_id: docx.id });
    const text = result.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
    for (const line of attachmentText(docx).lines) expect(text).toContain(line);
  });

  it('turns an unknown file id into an error result with a hint', async () => {
    const result = await h.callTool('read_file', { file_id: '99999999' });
    expect(result.isError).toBe(true);
    expect(result.content[0]).toMatchObject({ type: 'text', text: expect.stringContaining('list_files') });
  });
});

describe('worksection://changes', () => {
  it('is listed, and shows the newest write as list_changes does', async () => {
    const { resources: listed } = await h.client.listResources();
    expect(listed.map((r) => r.uri)).toContain('worksection://changes');
    const task = [...data.tasks.values()].find((t) => t.status === 'active' && !t.parentId)!;
    const posted = await h.callTool('post_comment', { task_id: String(task.id), text: 'Resource check' });
    expect(posted.isError).toBeFalsy();
    const { contents } = await h.client.readResource({ uri: 'worksection://changes' });
    const body = JSON.parse((contents[0] as { text: string }).text) as {
      changes: Array<{ tool: string; state: string; undo?: string }>;
    };
    expect(body.changes[0]).toMatchObject({ tool: 'post_comment', state: 'applied' });
    const viaTool = await h.callTool('list_changes', { limit: 1 });
    expect((viaTool.structuredContent as { changes: unknown[] }).changes[0]).toEqual(body.changes[0]);
  });
});
