/**
 * `node cli-peak.js PEAK_FILE BIN ARGS...`: runs the command-line script BIN with ARGS in this process
 * and writes its peak resident memory (max RSS, in kB) to PEAK_FILE when it exits, so that the
 * benchmark knows the peak of a whole CLI run.
 */
import * as fs from 'fs';

const [peakFile, bin, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], bin, ...args];
process.on('exit', () => fs.writeFileSync(peakFile, String(process.resourceUsage().maxRSS)));
require(bin);
