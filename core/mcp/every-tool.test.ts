// Every registered tool, called the way a client calls it: through the real in-process MCP client (which
// checks structuredContent against the advertised outputSchema) against the small sandbox, with realistic
// arguments taken from the sandbox's records, and each answer checked against the sandbox's data. Writes
// run in an order that gives each what it needs and are checked in the records and by a follow-up read.
// The table must name every tool of ALL_TOOLS, so a new tool cannot be added without a call here. The
// whole table runs in both auth modes; entries whose behaviour differs by mode say how.
// The table lives in testing/every-tool/ (reads*.ts and writes*.ts); this file checks it covers ALL_TOOLS
// and runs it. It runs at several pinned dates (an ordinary weekday, the last evening of a month, the last
// evening of a year, the first hour of a year): the sandbox's account, its "now" and the product's "today"
// all read the run's clock, so the answers and their expectations agree whatever day the suite runs on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READS } from './testing/every-tool/reads.js';
import { worldOf, type Entry, type Mode, type World } from './testing/every-tool/support.js';
import { WRITES } from './testing/every-tool/writes.js';
import { ALL_TOOLS } from './inventory/registry.js';
import { createHarness, resultText, type Harness } from './testing/harness.js';
import { pinnedClock, TEST_EPOCH } from '../worksection/testing/test-clock.js';

const MODES: readonly Mode[] = ['oauth', 'admin'];
const DATES: readonly string[] = [
  TEST_EPOCH,
  '2026-11-30T23:30:00.000Z',
  '2026-12-31T23:30:00.000Z',
  '2027-01-01T00:30:00.000Z',
];

const ENTRIES: Entry[] = [...READS, ...WRITES];

describe('the every-tool table', () => {
  it('has exactly one entry per registered tool', () => {
    const names = ENTRIES.map((e) => e.tool);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(ALL_TOOLS.map((t) => t.name).sort());
    for (const e of ENTRIES) expect(e.modes ?? MODES, e.tool).not.toHaveLength(0);
  });
});

for (const date of DATES)
  for (const mode of MODES) {
    describe(`every tool through the MCP client (${mode}, ${date})`, () => {
      let h: Harness;
      let w: World;
      beforeAll(async () => {
        const clock = pinnedClock(date);
        h = await createHarness({ authMode: mode, clock, mirror: true });
        w = worldOf(h, mode, clock);
      });
      afterAll(() => h.close());

      for (const e of ENTRIES.filter((x) => (x.modes ?? MODES).includes(mode))) {
        it(e.tool, async () => {
          const tool = ALL_TOOLS.find((t) => t.name === e.tool);
          const result = await h.callTool(e.tool, e.args(w));
          expect(result.isError, resultText(result)).toBeFalsy();
          if (tool?.output) {
            // The client has validated it against outputSchema already; the zod schema is stricter still.
            expect(result.structuredContent).toBeDefined();
            expect(tool.output.safeParse(result.structuredContent).error).toBeUndefined();
            expect(JSON.parse(resultText(result))).toEqual(result.structuredContent);
          }
          await e.check(result.structuredContent, w, result);
          expect(h.logs.filter((l) => l.level === 'error')).toEqual([]);
        });
      }
    });
  }
