// `npm run bench:<name>` (and `npm run fault:ingest`): brings up the infrastructure, builds, creates the
// catalogue's topics, and runs
// dist/tools/bench/<name>.js once — or dist/tools/<name>.js when the name has a folder (`fault/ingest`).
import { build, createTopics, ensureDependencies, infrastructureUp, ROOT, run } from '../stack/steps.mjs';

const name = process.argv[2];
if (!name) {
  console.error('usage: node tools/bench/run.mjs <spine|provisioning|ingest|fairness|billing|notify|health|fault/ingest>');
  process.exit(2);
}
ensureDependencies();
const infrastructure = await infrastructureUp();
let code = 0;
try {
  build();
  // A fresh broker has no topics, and services do not report ready without theirs.
  createTopics();
  run(process.execPath, [name.includes('/') ? `${ROOT}/dist/tools/${name}.js` : `${ROOT}/dist/tools/bench/${name}.js`]);
} catch (error) {
  console.error(`[bench] ${error.message}`);
  code = 1;
} finally {
  await infrastructure.down();
}
process.exit(code);
