// `npm run bench:spine`: brings up the infrastructure, builds, and runs the spine benchmark once.
import { build, ensureDependencies, infrastructureUp, ROOT, run } from '../stack/steps.mjs';

ensureDependencies();
const infrastructure = await infrastructureUp();
let code = 0;
try {
  build();
  run(process.execPath, [`${ROOT}/dist/tools/bench/spine.js`]);
} catch (error) {
  console.error(`[bench] ${error.message}`);
  code = 1;
} finally {
  await infrastructure.down();
}
process.exit(code);
