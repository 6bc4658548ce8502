// Zod schemas of Worksection's wire shapes: strict records of what the API sends (unknown keys are
// rejected), shared by the upstream client, the sandbox and the MCP tools. One file per topic under
// schemas/; this module is the single import point.
export * from './schemas/primitives.js';
export * from './schemas/members.js';
export * from './schemas/projects.js';
export * from './schemas/tasks.js';
export * from './schemas/costs.js';
export * from './schemas/tags.js';
export * from './schemas/oauth.js';
export * from './schemas/responses.js';
