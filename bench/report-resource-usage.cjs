// Loaded with `node --require` into each process the benchmark times: at exit it writes the
// process's own resource usage (every thread's CPU time, peak RSS) to the file named by
// AGENTOPS_BENCH_USAGE_FILE. Child processes of that process do not inherit the variable.
'use strict';
const { writeFileSync } = require('node:fs');

const usageFile = process.env.AGENTOPS_BENCH_USAGE_FILE;
delete process.env.AGENTOPS_BENCH_USAGE_FILE;
if (usageFile) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(
      usageFile,
      JSON.stringify({
        userMicros: usage.userCPUTime,
        systemMicros: usage.systemCPUTime,
        maxRssKilobytes: usage.maxRSS,
      }),
    );
  });
}
