// Config for recording the saved reports (see record.mjs): short timeouts so the hanging files fail fast.
export default { test: { include: ['*.test.mjs'], hookTimeout: 500, testTimeout: 500 } };
