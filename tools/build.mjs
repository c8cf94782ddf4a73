// Compiles apps, libs and TypeScript tools into dist/ with swc (type checking is the typecheck
// target's job), then links each library where Node resolves `@tenantry/<lib>` from dist/.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, symlinkSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });
const swc = join(root, 'node_modules', '.bin', 'swc');
const sources = ['apps', 'libs', 'tools'].filter((dir) => existsSync(join(root, dir)));
execFileSync(swc, [...sources, '-d', 'dist', '--config-file', '.swcrc', '--only', '**/*.ts', '--ignore', '**/*.spec.ts,**/*.int-spec.ts,**/*.e2e-spec.ts,**/*.d.ts', '--quiet'], {
  cwd: root,
  stdio: 'inherit',
});
const scope = join(dist, 'node_modules', '@tenantry');
mkdirSync(scope, { recursive: true });
for (const lib of readdirSync(join(root, 'libs'))) {
  symlinkSync(join('..', '..', 'libs', lib, 'src'), join(scope, lib), 'dir');
}
console.log('built dist/');
