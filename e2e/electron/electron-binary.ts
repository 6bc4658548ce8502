// Where the Electron binary is, without requiring the `electron` package: its index.js would try to
// download the binary on the spot. Where none was installed (this project's development machines: no
// download outside the npm registry), the specs skip themselves and say why.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function electronBinary(root = '.'): { path: string } | { missing: string } {
  const dir = join(root, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile))
    return {
      missing:
        'no Electron binary is installed (node_modules/electron/path.txt is absent); the release workflow runs these specs after `node node_modules/electron/install.js`',
    };
  const path = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(path) ? { path } : { missing: `the Electron binary ${path} is missing` };
}
