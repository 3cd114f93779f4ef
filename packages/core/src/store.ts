// @planlog/core/store: what a store adapter is built from (an EventStore or ReadModels on another
// database). An app needs none of it; @planlog/sqlite and @planlog/postgres are built on it, and so
// can a third store, which then runs the conformance suites of @planlog/core/testing.
export type { StoredRecord, CommandIndexEntry } from './store/StoredRecord.js';
export { appendArguments, appendManyOptions, idArgument, optionsArgument, readAllStart, readStreamArguments } from './store/storeArguments.js';
export {
  checkExpectedVersion,
  validateAppend,
  commandIdsOf,
  commandConflict,
  sealEvent,
  type SealedEvent,
  type ValidatedAppend,
} from './store/appendRules.js';
export { canonicalJson } from './store/canonicalJson.js';
export { hashEvent, hashBytes, GENESIS_HASH } from './store/hashEvent.js';
export { eventBytes } from './store/eventBytes.js';
export { readBack, unreadableEvent, type StoreColumns } from './store/readBack.js';
export { checkPageSize, pagedLog, type PagedLogSource } from './store/pagedLog.js';
export { chainCheck, readStoredBytes, type ChainCheck } from './audit/chainCheck.js';
export { commandIndexCheck, type CommandIndexCheck } from './audit/commandIndexCheck.js';
export { zeroOf, keyString } from './projections/Projection.js';
export { applyRowChange } from './projections/memoryReadModels.js';
export { coalesceChanges } from './projections/coalesceChanges.js';
export { checkRowQuery, selectRows, compareCodePoints, type RowQuery, type RowCondition, type CheckedRowQuery } from './projections/RowQuery.js';
export { createTableSql, createIndexSql, changeStatement, changesStatement, changeShape, selectSql, rowFromSql, type ChangeStatement, type ChangesStatement } from './readModels/readModelSql.js';
export { groupChanges } from './readModels/groupChanges.js';
export { quoteIdentifier, type SqlDialect } from './readModels/SqlDialect.js';
export { appendListeners, type AppendListener, type AppendWatch } from './store/AppendWatch.js';
export { parkedFromRow, type ConsumerCheckpoints, type ConsumerClaim, type ConsumerLease, type ParkedRow } from './store/ConsumerCheckpoints.js';
export { memoryLiveCheckpoints, type LiveCheckpoint, type LiveCheckpoints } from './store/LiveCheckpoints.js';
