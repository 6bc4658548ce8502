// What the serve, stdio and token commands share: strict flag parsing, the config load with one line per
// problem, and the shape of a failure (one line on stderr naming the command, then a non-zero exit).
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { ConfigError, loadConfig, type Config, type ConfigFlags } from '../config.js';

export const EXIT_USAGE = 2;
export const EXIT_FAILURE = 1;

export class UsageError extends Error {}

export function parseFlags<O extends ParseArgsOptionsConfig>(
  argv: string[],
  options: O,
  positionals = false,
) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: positionals });
  } catch (err) {
    // Node's messages are clear but long-winded about "--": keep the first sentence.
    throw new UsageError((err as Error).message.split('. ')[0] ?? (err as Error).message);
  }
}

/**
 * Every command's start: strict flags (options must include `help`), a usage mistake as one line and exit
 * 2, `--help` printed (to stderr where stdout carries the protocol) and exit 0. Answers the parsed command
 * line, or the exit code when the command is already done.
 */
export function readCommandLine<O extends ParseArgsOptionsConfig>(
  command: string,
  usage: string,
  argv: string[],
  options: O,
  { positionals = false, helpTo = 'stdout' }: { positionals?: boolean; helpTo?: 'stdout' | 'stderr' } = {},
): ReturnType<typeof parseFlags<O>> | number {
  let parsed: ReturnType<typeof parseFlags<O>>;
  try {
    parsed = parseFlags(argv, options, positionals);
  } catch (err) {
    if (err instanceof UsageError) return usageFailure(command, err);
    throw err;
  }
  if ((parsed.values as { help?: boolean }).help) {
    (helpTo === 'stderr' ? console.error : console.log)(usage);
    return 0;
  }
  return parsed;
}

/** Prints `wsmcp <command>: <line>` for each line on stderr and answers the exit code. */
export function fail(command: string, lines: string | string[], code = EXIT_FAILURE): number {
  for (const line of Array.isArray(lines) ? lines : [lines]) console.error(`wsmcp ${command}: ${line}`);
  return code;
}

export function usageFailure(command: string, err: UsageError): number {
  return fail(command, `${err.message} (see \`wsmcp ${command} --help\`)`, EXIT_USAGE);
}

/** The config, or the exit code after printing one line per invalid value. */
export function configOrExit(command: string, flags: ConfigFlags): Config | number {
  try {
    return loadConfig({ flags });
  } catch (err) {
    if (err instanceof ConfigError) return fail(command, err.problems, EXIT_USAGE);
    throw err;
  }
}

/** The flags of the commands that work on a server's data dir beside it (status, logs, token, open, connect). */
export const DATA_DIR_FLAGS = {
  'data-dir': { type: 'string' },
  demo: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsOptionsConfig;

/** The config of the data dir DATA_DIR_FLAGS name (and of the port, for a command that takes --port). */
export function dataDirConfigOrExit(
  command: string,
  values: { 'data-dir'?: string; demo?: boolean; port?: string },
): Config | number {
  return configOrExit(command, { dataDir: values['data-dir'], demo: values.demo, port: values.port });
}

/** A client token's --scope: read, or write (the default). */
export function scopeFlag(value: string | undefined): 'read' | 'write' {
  if (value === undefined) return 'write';
  if (value !== 'read' && value !== 'write')
    throw new UsageError(`--scope must be read or write, got "${value}"`);
  return value;
}

/** Resolves on the first SIGINT/SIGTERM, after running `stop`. */
export function onSignal(stop: () => Promise<void>): {
  stopped: Promise<void>;
  received(): boolean;
  dispose(): void;
} {
  let got = false;
  let dispose = (): void => undefined;
  const stopped = new Promise<void>((resolve, reject) => {
    const handler = (): void => {
      got = true;
      dispose();
      stop().then(resolve, reject);
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
    dispose = () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    };
  });
  return { stopped, received: () => got, dispose };
}

/** Rows as aligned columns (two spaces apart), the first row the header: how list commands print. */
export function textTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
