// @planlog/core/testing: helpers for testing stores, engines and policies (imports vitest and fast-check).
export { describeEventStore } from './testing/describeEventStore.js';
