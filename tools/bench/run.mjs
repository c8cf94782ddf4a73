// `npm run bench:<name>`: brings up the infrastructure, builds, and runs dist/tools/bench/<name>.js once.
import { build, ensureDependencies, infrastructureUp, ROOT, run } from '../stack/steps.mjs';

const name = process.argv[2];
if (!name) {
  console.error('usage: node tools/bench/run.mjs <spine|provisioning>');
  process.exit(2);
}
ensureDependencies();
const infrastructure = await infrastructureUp();
let code = 0;
try {
  build();
  run(process.execPath, [`${ROOT}/dist/tools/bench/${name}.js`]);
} catch (error) {
  console.error(`[bench] ${error.message}`);
  code = 1;
} finally {
  await infrastructure.down();
}
process.exit(code);
