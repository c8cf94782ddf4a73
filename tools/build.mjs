// Compiles apps, libs and TypeScript tools into dist/ with swc (type checking is the typecheck
// target's job), then links each library where Node resolves `@tenantry/<lib>` from dist/.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
// Build beside dist/ and swap it in, so processes and test runs using the old build keep working.
const staging = `dist.${process.pid}.tmp`;
rmSync(join(root, staging), { recursive: true, force: true });
const swc = join(root, 'node_modules', '.bin', 'swc');
const sources = ['apps', 'libs', 'tools'].filter((dir) => existsSync(join(root, dir)));
execFileSync(swc, [...sources, '-d', staging, '--config-file', '.swcrc', '--only', '**/*.ts', '--ignore', '**/*.spec.ts,**/*.int-spec.ts,**/*.e2e-spec.ts,**/*.d.ts,apps/console/**', '--quiet'], {
  cwd: root,
  stdio: 'inherit',
});
// The operator console (apps/console, React + Vite): static files in dist/console, served by the gateway at /console.
execFileSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'apps/console/vite.config.mts', '--logLevel', 'warn'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, CONSOLE_OUT_DIR: join(root, staging, 'console') },
});
const scope = join(root, staging, 'node_modules', '@tenantry');
mkdirSync(scope, { recursive: true });
for (const lib of readdirSync(join(root, 'libs'))) {
  symlinkSync(join('..', '..', 'libs', lib, 'src'), join(scope, lib), 'dir');
}
const old = `dist.${process.pid}.old`;
if (existsSync(dist)) renameSync(dist, join(root, old));
renameSync(join(root, staging), dist);
rmSync(join(root, old), { recursive: true, force: true });
console.log('built dist/');
