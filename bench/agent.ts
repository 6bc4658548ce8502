// `npm run bench -- agent [--save]`: what the model reads and whether it gets the right answer. Scripted
// assistant requests (bench/_agent-requests-*.ts: standups, status reports, what changed, time, writes,
// bulk, search, files) run as tool-call plans through a real MCP client against the demo sandbox (pinned
// clock, the product's response cache), each checked against the sandbox's own data. Prints per request the
// calls, the result tokens the model reads and the verdict; the totals; the tools/list size; and the figures
// stored by the previous `--save` (bench/agent-figures.json), so a change that makes the model read more or
// get less right shows in review.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { settingsSchema } from '../core/config.js';
import { REPO_ROOT } from '../e2e/mcp/cli-run.js';
import { createHarness, type Harness } from '../core/mcp/testing/harness.js';
import { isoToday } from '../core/mcp/tools/kit/dates.js';
import { createAsk, newTally, tokensPerItem, truthOf, type Tally } from './_agent-ask.js';
import { READ_REQUESTS, type AgentRequest } from './_agent-requests-read.js';
import { WRITE_REQUESTS } from './_agent-requests-write.js';
import { measureToolList, type ToolListSize } from './_agent-tool-list.js';

const FIGURES_FILE = join(REPO_ROOT, 'bench', 'agent-figures.json');

interface RequestFigures {
  calls: number;
  tokens: number;
  correct: boolean;
}

export interface AgentFigures {
  toolList: ToolListSize;
  totals: {
    requests: number;
    correct: number;
    calls: number;
    tokens: number;
    tokensPerListItem: number;
    tokensPerTask: number;
  };
  requests: Record<string, RequestFigures>;
}

async function runRequest(harness: Harness, request: AgentRequest, tally: Tally) {
  const truth = truthOf(harness.sandbox.data, isoToday(harness.ctx().now()));
  const ask = createAsk(harness, tally);
  try {
    return await request.run(ask, truth);
  } catch (err) {
    return err instanceof Error ? err.message.slice(0, 300) : String(err);
  }
}

function stored(): AgentFigures | undefined {
  try {
    return JSON.parse(readFileSync(FIGURES_FILE, 'utf8')) as AgentFigures;
  } catch {
    return undefined;
  }
}

const delta = (now: number, before: number | undefined) =>
  before === undefined ? '' : ` (was ${before}, ${now - before >= 0 ? '+' : ''}${now - before})`;

export async function run(args: string[]): Promise<void> {
  const fresh = settingsSchema.parse({ dataDir: '/unused' }).responseCache.freshSeconds;
  const harness = await createHarness({ cache: fresh });
  const previous = stored();
  const figures: AgentFigures = {
    toolList: await measureToolList(harness.client),
    totals: { requests: 0, correct: 0, calls: 0, tokens: 0, tokensPerListItem: 0, tokensPerTask: 0 },
    requests: {},
  };
  const tally: Tally = newTally();
  try {
    console.log('request'.padEnd(44), 'calls', 'tokens', 'verdict');
    for (const request of [...READ_REQUESTS, ...WRITE_REQUESTS]) {
      const before = { calls: tally.calls, tokens: tally.tokens };
      const verdict = await runRequest(harness, request, tally);
      const row = {
        calls: tally.calls - before.calls,
        tokens: tally.tokens - before.tokens,
        correct: verdict === true,
      };
      figures.requests[request.name] = row;
      const was = previous?.requests[request.name];
      console.log(
        request.name.padEnd(44),
        String(row.calls).padStart(5),
        String(row.tokens).padStart(6),
        verdict === true ? 'correct' : `WRONG: ${verdict}`,
        was ? `(was ${was.calls} calls, ${was.tokens} tokens${was.correct ? '' : ', wrong'})` : '',
      );
    }
  } finally {
    await harness.close();
  }
  const rows = Object.values(figures.requests);
  figures.totals = {
    requests: rows.length,
    correct: rows.filter((r) => r.correct).length,
    calls: tally.calls,
    tokens: tally.tokens,
    tokensPerListItem: tokensPerItem(tally),
    tokensPerTask: tokensPerItem(tally, ['list_tasks']),
  };
  const t = figures.totals;
  const p = previous?.totals;
  const l = figures.toolList;
  console.log(`\ncorrect: ${t.correct}/${t.requests}${delta(t.correct, p?.correct)}`);
  console.log(`calls: ${t.calls}${delta(t.calls, p?.calls)}`);
  console.log(`result tokens: ${t.tokens}${delta(t.tokens, p?.tokens)}`);
  console.log(
    `tokens per list item: ${t.tokensPerListItem}${delta(t.tokensPerListItem, p?.tokensPerListItem)}`,
  );
  console.log(
    `tokens per task in a task list: ${t.tokensPerTask}${delta(t.tokensPerTask, p?.tokensPerTask)}`,
  );
  console.log(`tools: ${l.tools}${delta(l.tools, previous?.toolList.tools)}`);
  console.log(`tools/list chars: ${l.fullChars}${delta(l.fullChars, previous?.toolList.fullChars)}`);
  console.log(
    `names+descriptions+input schemas chars: ${l.leanChars}${delta(l.leanChars, previous?.toolList.leanChars)}`,
  );
  console.log(`server instructions chars: ${l.instructionsChars}`);
  if (args.includes('--save')) {
    writeFileSync(FIGURES_FILE, `${JSON.stringify(figures, null, 2)}\n`);
    console.log(`saved to ${FIGURES_FILE}`);
  }
  if (t.correct < t.requests) process.exitCode = 1;
}
