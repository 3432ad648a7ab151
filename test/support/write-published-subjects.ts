/** Writes shared/subjects/published.json from the samples (`npm run subjects`). */
import { writeFileSync } from 'node:fs';
import { publishedSubjects } from './published-subjects';

const names = publishedSubjects();
writeFileSync(
  new URL('../../shared/subjects/published.json', import.meta.url),
  `${JSON.stringify(names, null, 1)}\n`,
);
console.log(`shared/subjects/published.json：${Object.keys(names).length} 个科目`);
