#!/usr/bin/env node
// The `planlog` command's bin entry. It is a committed file, not the built dist/cli.js, so that
// installing the workspace can link it before anything is built; it runs the built command.
try {
  await import('../dist/cli.js');
} catch (error) {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli.js')) {
    console.error('planlog: the command is not built yet; run `npx -y pnpm@10 build` in the planlog workspace');
    process.exit(1);
  }
  throw error;
}
