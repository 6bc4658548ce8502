// Full-text search over the mirror: words (each also as a prefix) or a "quoted phrase" across project
// names and descriptions, task names and descriptions and comments, ranked by BM25 with names weighted
// over descriptions over comments (recent activity breaks ties), filtered by kind, project, task status,
// assignee and date; when the exact words find nothing, close spellings are tried (fuzzy.ts).
import { closeTerms } from './fuzzy.js';
import { fold, snippetOf, wordsOf } from './fold.js';
import type { Db } from '../store/db.js';
import type { MirrorStore } from './mirror-store.js';
import { docOf, KIND_CODE, wsTime, type DocKind } from './rows.js';

export interface SearchQuery {
  text: string;
  kind?: DocKind;
  projectId?: number;
  status?: 'active' | 'done';
  assigneeEmail?: string;
  /** Inclusive ISO dates (YYYY-MM-DD) on the object's date: a comment's, a task's or project's creation. */
  from?: string;
  to?: string;
  limit: number;
}

export interface SearchHit {
  kind: DocKind;
  id: string;
  /** The project's or task's name; a comment's task name. */
  title: string;
  snippet: string;
  page: string;
  date: string;
  project: { id: string; name: string };
  task?: { id: string; status: string };
}

export interface SearchCoverage {
  projects: number;
  tasks: number;
  /** Tasks with a discussion, and those whose comments are indexed. */
  discussedTasks: number;
  commentsIndexedFor: number;
}

export interface SearchAnswer {
  hits: SearchHit[];
  more: boolean;
  /** The words searched instead when the exact ones found nothing. */
  correctedTo?: string[];
  coverage: SearchCoverage;
}

/** The query's words, folded, and whether it is one quoted phrase. */
export function queryWords(text: string): { words: string[]; phrase: boolean } {
  const trimmed = text.trim();
  const phrase = /^".*"$/s.test(trimmed);
  return { words: wordsOf(trimmed).map((w) => fold(w.word)), phrase };
}

const quote = (w: string) => `"${w.replace(/"/g, '""')}"`;

/** An FTS5 MATCH expression: the phrase, or every word (a prefix when 2+ letters), alternatives OR'ed. */
function matchExpression(groups: string[][], phrase: boolean): string {
  if (phrase) return quote(groups.map((g) => g[0]).join(' '));
  return groups
    .map((alts) => `(${alts.map((w) => (w.length >= 2 ? `${quote(w)}*` : quote(w))).join(' OR ')})`)
    .join(' AND ');
}

interface Row {
  rowid: number;
  project_id: number;
  task_id: number | null;
  at: number;
}

const dayMs = (d: string | undefined, end: boolean) => (d ? wsTime(d) + (end ? 86_400_000 : 0) : null);

/** Without filters the index alone ranks: only its best few are joined for the recency tie-break. */
const UNFILTERED = `SELECT d.rowid, d.project_id, d.task_id, d.at
  FROM (SELECT rowid, bm25(mirror_fts, 10.0, 4.0, 1.0) AS score FROM mirror_fts WHERE mirror_fts MATCH @match
    ORDER BY score LIMIT @wide) f
  JOIN mirror_docs d ON d.rowid = f.rowid
  ORDER BY round(f.score, 1), d.at DESC
  LIMIT @limit`;

/** The best matches by the index alone, `wide` of them, or every match when `wide` is null. */
function filteredSql(q: SearchQuery, windowed: boolean): string {
  const needsTask = q.status !== undefined || q.assigneeEmail !== undefined;
  const ranked = `SELECT rowid, bm25(mirror_fts, 10.0, 4.0, 1.0) AS score FROM mirror_fts WHERE mirror_fts MATCH @match`;
  return `SELECT d.rowid, d.project_id, d.task_id, d.at
    FROM (${windowed ? `${ranked} ORDER BY score LIMIT @wide` : ranked}) f
    JOIN mirror_docs d ON d.rowid = f.rowid
    ${needsTask ? 'JOIN mirror_tasks t ON t.id = d.task_id' : ''}
    WHERE (@kind IS NULL OR d.rowid % 4 = @kind)
      AND (@project IS NULL OR d.project_id = @project)
      ${q.status ? 'AND t.status = @status' : ''}
      ${q.assigneeEmail ? 'AND t.assignee_email = @assignee COLLATE NOCASE' : ''}
      AND (@from IS NULL OR d.at >= @from) AND (@to IS NULL OR d.at < @to)
    ORDER BY round(f.score, 1), d.at DESC
    LIMIT @limit`;
}

/** Filtered queries look among the index's best this many first, and at every match only if short. */
const FILTER_WINDOW = 800;

function runQuery(store: MirrorStore, q: SearchQuery, match: string, limit: number): Row[] {
  const filtered =
    (q.kind !== undefined && q.kind !== 'comment') ||
    q.projectId !== undefined ||
    q.status !== undefined ||
    q.assigneeEmail !== undefined ||
    q.from !== undefined ||
    q.to !== undefined;
  if (!filtered) {
    return lookups(store.db).unfiltered.all({ match, wide: limit * 3, limit });
  }
  const params = {
    match,
    kind: q.kind ? KIND_CODE[q.kind] : null,
    project: q.projectId ?? null,
    ...(q.status ? { status: q.status } : {}),
    ...(q.assigneeEmail ? { assignee: q.assigneeEmail } : {}),
    from: dayMs(q.from, false),
    to: dayMs(q.to, true),
    limit,
  };
  // A project or a person passes few of the best matches: for them the window is seldom enough.
  const selective = q.projectId !== undefined || q.assigneeEmail !== undefined;
  const best = selective
    ? []
    : store.db
        .prepare<Record<string, unknown>, Row>(filteredSql(q, true))
        .all({ ...params, wide: FILTER_WINDOW });
  if (best.length >= limit) return best;
  return store.db.prepare<Record<string, unknown>, Row>(filteredSql(q, false)).all(params);
}

/**
 * Names and descriptions first (projects and tasks), then comments: the fields' order of weight, and what
 * keeps a common word fast, since its comment matches are ranked only when the first tier runs short.
 */
function runTiers(store: MirrorStore, q: SearchQuery, expression: string): Row[] {
  const tiers =
    q.kind === 'comment' ? ['comment'] : q.kind ? ['name description'] : ['name description', 'comment'];
  const rows: Row[] = [];
  for (const columns of tiers) {
    rows.push(...runQuery(store, q, `{${columns}} : (${expression})`, q.limit + 1 - rows.length));
    if (rows.length > q.limit) break;
  }
  return rows;
}

// The typo fallback reads indexed terms by their first letter (a range the vocabulary seeks to), kept a
// minute: reading the whole vocabulary walks the whole index.
const VOCABULARY_TTL_MS = 60_000;
const vocabularies = new WeakMap<object, Map<string, { at: number; terms: Map<string, number> }>>();
function termsStartingWith(store: MirrorStore, letter: string): Map<string, number> {
  const byLetter =
    vocabularies.get(store.db) ?? new Map<string, { at: number; terms: Map<string, number> }>();
  vocabularies.set(store.db, byLetter);
  const held = byLetter.get(letter);
  if (held && Date.now() - held.at < VOCABULARY_TTL_MS) return held.terms;
  const next = String.fromCodePoint((letter.codePointAt(0) ?? 0) + 1);
  const rows = store.db
    .prepare<[string, string], { term: string; doc: number }>(
      'SELECT term, doc FROM mirror_fts_vocab WHERE term >= ? AND term < ?',
    )
    .all(letter, next);
  const terms = new Map(rows.map((r) => [r.term, r.doc]));
  byLetter.set(letter, { at: Date.now(), terms });
  return terms;
}

/** Terms a typo of `word` may stand for: those sharing its first letter, or its second (a swap). */
function vocabularyFor(store: MirrorStore, word: string): Map<string, number> {
  const letters = [...new Set([...word].slice(0, 2))];
  return new Map(letters.flatMap((l) => [...termsStartingWith(store, l)]));
}

/** The look-ups each hit makes, compiled once per database (a search shows up to dozens of hits). */
function lookupsOf(db: Db) {
  return {
    project: db.prepare<
      [number],
      { id: number; name: string; text: string | null; page: string; date_added: string }
    >('SELECT id, name, text, page, date_added FROM mirror_projects WHERE id = ?'),
    task: db.prepare<
      [number],
      { id: number; name: string; text: string | null; status: string; page: string; date_added: string }
    >('SELECT id, name, text, status, page, date_added FROM mirror_tasks WHERE id = ?'),
    comment: db.prepare<[number], { text: string; page: string; date_added: string; author_name: string }>(
      'SELECT text, page, date_added, author_name FROM mirror_comments WHERE id = ?',
    ),
    unfiltered: db.prepare<Record<string, unknown>, Row>(UNFILTERED),
  };
}
const compiled = new WeakMap<Db, ReturnType<typeof lookupsOf>>();
function lookups(db: Db): ReturnType<typeof lookupsOf> {
  let found = compiled.get(db);
  if (!found) compiled.set(db, (found = lookupsOf(db)));
  return found;
}

function hitOf(store: MirrorStore, row: Row, terms: string[]): SearchHit | undefined {
  const { kind, id } = docOf(row.rowid);
  const look = lookups(store.db);
  const project = look.project.get(row.project_id);
  if (!project) return undefined;
  const projectRef = { id: String(project.id), name: project.name };
  if (kind === 'project') {
    const text = [project.name, project.text].filter(Boolean).join(' — ');
    return {
      kind,
      id: String(id),
      title: project.name,
      snippet: snippetOf(text, terms),
      page: project.page,
      date: project.date_added,
      project: projectRef,
    };
  }
  const task = look.task.get(row.task_id ?? -1);
  if (!task) return undefined;
  const taskRef = { id: String(task.id), status: task.status };
  if (kind === 'task') {
    const text = [task.name, task.text].filter(Boolean).join(' — ');
    return {
      kind,
      id: String(id),
      title: task.name,
      snippet: snippetOf(text, terms),
      page: task.page,
      date: task.date_added,
      project: projectRef,
      task: taskRef,
    };
  }
  const comment = look.comment.get(id);
  if (!comment) return undefined;
  const snippet = `${comment.author_name}: ${snippetOf(comment.text, terms)}`;
  return {
    kind,
    id: String(id),
    title: task.name,
    snippet,
    page: comment.page,
    date: comment.date_added,
    project: projectRef,
    task: taskRef,
  };
}

export function searchMirror(store: MirrorStore, q: SearchQuery): SearchAnswer {
  const c = store.counts();
  const coverage = {
    projects: c.projects,
    tasks: c.tasks,
    discussedTasks: c.discussedTasks,
    commentsIndexedFor: c.crawledTasks,
  };
  const { words, phrase } = queryWords(q.text);
  if (words.length === 0) return { hits: [], more: false, coverage };
  let groups = words.map((w) => [w]);
  let rows = runTiers(store, q, matchExpression(groups, phrase));
  let correctedTo: string[] | undefined;
  if (rows.length === 0 && !phrase) {
    const fuzzy = words.map((w) => {
      const vocab = vocabularyFor(store, w);
      return { known: vocab.has(w), alts: [w, ...closeTerms(w, vocab)] };
    });
    if (fuzzy.some((g) => g.alts.length > 1) && fuzzy.every((g) => g.alts.length > 1 || g.known)) {
      groups = fuzzy.map((g) => g.alts);
      rows = runTiers(store, q, matchExpression(groups, false));
      if (rows.length > 0) correctedTo = groups.map((g) => g.slice(1).join('|') || (g[0] as string));
    }
  }
  const terms = groups.flat();
  const hits = rows
    .slice(0, q.limit)
    .map((r) => hitOf(store, r, terms))
    .filter((h): h is SearchHit => h !== undefined);
  return { hits, more: rows.length > q.limit, ...(correctedTo ? { correctedTo } : {}), coverage };
}
