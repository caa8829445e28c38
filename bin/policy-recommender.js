#!/usr/bin/env node
'use strict';
// Runs the TypeScript sources directly (tsx), so `npx policy-recommender` works right after
// `npm install` with no build step. Deployed Lambdas are bundled by esbuild instead.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
require('tsx/cjs');
require('../lib/cli/main.ts')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
