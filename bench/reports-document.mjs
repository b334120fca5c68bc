// One measurement of `npm run bench reports`, run by reports-bench.ts with plain node on the
// compiled code in dist/ — as `munirank report commission` and the server make the documents,
// without tsx and its loader in the process. Reads its input from a JSON file, makes the
// rating or one document, prints wall and processor time, peak memory and bytes as JSON.
import { readFileSync } from 'node:fs';

const [what, inputFile] = process.argv.slice(2);
const dist = new URL('../dist/', import.meta.url);
const input = JSON.parse(readFileSync(inputFile, 'utf8'));
let make;
if (what === 'rating') {
  const { computeRating } = await import(new URL('engine/compute-rating.js', dist).href);
  const values = Object.fromEntries(
    Object.entries(input.values).map(([key, v]) => [key, Float64Array.from(v)]),
  );
  make = async () => {
    computeRating(input.methodology, { units: input.units, values });
    return 0;
  };
} else {
  const { commissionReportFile } = await import(
    new URL('documents/commission-report-file.js', dist).href
  );
  make = async () => (await commissionReportFile(input, what)).length;
}
const cpu = process.cpuUsage();
const started = performance.now();
const bytes = await make();
const ms = performance.now() - started;
const used = process.cpuUsage(cpu);
const cpuMs = (used.user + used.system) / 1000;
const peakMb = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ ms, cpuMs, peakMb, bytes }));
