// Every tool of the product, assembled from core/mcp/tools/*.ts, and the rules each must follow. The
// registry test runs validateTools over ALL_TOOLS, so a tool without a declared effect, a unique
// snake_case verb-first name or a description on every argument fails the build.
import type { AnyTool } from './define-tool.js';
import { activityTools } from './tools/activity.js';
import { analyticsTools } from './tools/analytics.js';
import { commentsTools } from './tools/comments.js';
import { filesTools } from './tools/files.js';
import { peopleTools } from './tools/people.js';
import { projectsTools } from './tools/projects.js';
import { systemTools } from './tools/system.js';
import { tagsTools } from './tools/tags.js';
import { tasksTools } from './tools/tasks.js';
import { timeTools } from './tools/time.js';

export { orderTools, selectTools, toolCountWarning, TOOL_COUNT_WARN_LIMIT } from './tool-selection.js';
export type { ToolSelection } from './tool-selection.js';
export type { TokenScope } from './client-tokens.js';
export { validateTools } from './tool-rules.js';

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
];
