#!/usr/bin/env node
'use strict';
// Runs one TypeScript script with tsx (`node bin/run-ts.js scripts/bench.ts --records 1000`):
// the script sees its own path as argv[1] and its arguments after it.
const { resolve } = require('node:path');

const script = process.argv[2];
if (!script) {
  process.stderr.write('usage: node bin/run-ts.js <script.ts> [args...]\n');
  process.exit(2);
}
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
require('tsx/cjs');
const path = resolve(script);
process.argv.splice(1, 2, path);
require(path);
