// `npm run bench -- [name...]`: runs the named benchmarks (all when none is named). Each benchmark is a
// module bench/<name>.ts exporting run(args), which prints its figures side by side with their targets.
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Benchmark {
  run(args: string[]): Promise<void>;
}

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.js') && f !== 'run.js' && !f.includes('.test.') && !f.startsWith('_'))
  .map((f) => f.slice(0, -3))
  .sort();

const [first, ...rest] = process.argv.slice(2);
const names = first && !first.startsWith('-') ? [first] : available;
const args = first && !first.startsWith('-') ? rest : process.argv.slice(2);

for (const name of names) {
  if (!available.includes(name)) {
    console.error(`bench: unknown benchmark "${name}"; available: ${available.join(', ')}`);
    process.exit(2);
  }
  console.log(`\n## bench ${name}`);
  const mod = (await import(`./${name}.js`)) as Benchmark;
  await mod.run(args);
}
