/**
 * `node cli-peak.js PEAK_FILE BIN ARGS...`: runs the command-line script BIN with ARGS in this process
 * and writes `{"maxRssKb","cpuS"}` to PEAK_FILE when it exits: the peak resident memory and the CPU
 * time (user + system) of the whole CLI run, which other work on the machine does not inflate.
 */
import * as fs from 'fs';

const [peakFile, bin, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], bin, ...args];
process.on('exit', () => {
  const usage = process.resourceUsage();
  fs.writeFileSync(peakFile, JSON.stringify({ maxRssKb: usage.maxRSS, cpuS: (usage.userCPUTime + usage.systemCPUTime) / 1e6 }));
});
require(bin);
