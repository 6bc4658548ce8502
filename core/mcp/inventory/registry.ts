// Every tool of the product, assembled from core/mcp/tools/*.ts, and the rules each must follow. The
// registry test runs validateTools over ALL_TOOLS, so a tool without a declared effect, a unique
// snake_case verb-first name or a description on every argument fails the build.
import type { AnyTool } from '../tools/kit/define-tool.js';
import { activityTools } from '../tools/activity/index.js';
import { analyticsTools } from '../tools/analytics/index.js';
import { commentsTools } from '../tools/comments.js';
import { filesTools } from '../tools/files/index.js';
import { peopleTools } from '../tools/people.js';
import { projectsTools } from '../tools/projects/index.js';
import { systemTools } from '../tools/system.js';
import { changesTools } from '../tools/changes/index.js';
import { tagsTools } from '../tools/tags/index.js';
import { tasksTools } from '../tools/tasks/index.js';
import { timeTools } from '../tools/time/index.js';

export { orderTools, selectTools, toolCountWarning, TOOL_COUNT_WARN_LIMIT } from './selection.js';
export { validateTools } from './rules.js';

/** All tools, in toolset order (TOOLSETS); tools/list orders them the same way. */
export const ALL_TOOLS: readonly AnyTool[] = [
  ...projectsTools,
  ...tasksTools,
  ...commentsTools,
  ...filesTools,
  ...timeTools,
  ...peopleTools,
  ...tagsTools,
  ...activityTools,
  ...analyticsTools,
  ...systemTools,
  ...changesTools,
];
