#!/usr/bin/env node
// The closing line of .ci/run: `tests: N passed, N failed`, read from vitest's JSON report.
//
//   node scripts/countTests.mjs <report.json> [--exit-code N] [--checks-passed N] [--checks-failed N]
//
// vitest's own totals hide failures that are not a failing test: a file that did not load, a
// beforeAll hook that threw or timed out (its tests are reported "skipped", numFailedTests stays 0),
// a describe body that threw, an afterAll that failed after every test passed. So a file that
// failed without a failing test counts as one failure. An error outside any file (an unhandled
// rejection) appears only in vitest's exit code: a non-zero --exit-code with nothing else failed
// counts as one failure, and so does a run in which no test passed. Further checks that .ci/run
// runs (attw, publint) are added with --checks-passed/--checks-failed.
// Exits 1 when anything failed. Plain Node, no dependencies.
import { readFileSync } from 'node:fs';

/**
 * Counts a parsed vitest JSON report. `exitCode` is vitest's exit code, when known.
 * Returns the totals and one line per failure that the report's own totals leave out.
 */
export function countTests(report, { exitCode } = {}) {
  const files = Array.isArray(report?.testResults) ? report.testResults : [];
  let passed = 0;
  let failed = 0;
  const notes = [];
  for (const file of files) {
    const tests = Array.isArray(file.assertionResults) ? file.assertionResults : [];
    const failing = tests.filter((test) => test.status === 'failed').length;
    passed += tests.filter((test) => test.status === 'passed').length;
    failed += failing;
    if (file.status === 'failed' && failing === 0) {
      failed += 1;
      const notRun = tests.filter((test) => test.status !== 'passed').length;
      const ran = tests.length === 0 ? 'no test collected' : `${notRun} of ${tests.length} tests not run`;
      const reason = String(file.message || 'a hook or suite failed (see the log above)').split('\n')[0];
      notes.push(`file failed: ${file.name} (${ran}): ${reason}`);
    }
  }
  if (exitCode !== undefined && exitCode !== 0 && failed === 0) {
    failed += 1;
    notes.push(`vitest exited ${exitCode} with no failed test in its report (an error outside the tests)`);
  }
  if (passed === 0 && failed === 0) {
    failed += 1;
    notes.push('no test passed: the report holds no test results');
  }
  return { passed, failed, notes };
}

function main(argv) {
  const [file, ...rest] = argv;
  const option = (name) => {
    const at = rest.indexOf(name);
    if (at < 0) return undefined;
    const value = Number(rest[at + 1]);
    if (!Number.isInteger(value) || value < 0) throw new Error(`${name} needs a whole number, got ${rest[at + 1]}`);
    return value;
  };
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    report = undefined;
    console.log(`no readable vitest report at ${file}: ${error.message.split('\n')[0]}`);
  }
  const counted = report ? countTests(report, { exitCode: option('--exit-code') }) : { passed: 0, failed: 1, notes: [] };
  for (const note of counted.notes) console.log(note);
  const passed = counted.passed + (option('--checks-passed') ?? 0);
  const failed = counted.failed + (option('--checks-failed') ?? 0);
  console.log(`tests: ${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

if (import.meta.url === new URL(`file://${process.argv[1]}`).href) process.exitCode = main(process.argv.slice(2));
